import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { spokenText } from '../../simulation/envelope';
import NIGHT_SCREEN_DOCUMENT from '../../lambda/content/apl/night-screen.json';
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { CAUSE_TOPIC_IDS } from '../../lambda/content/topics';
import * as labels from '../../lambda/content/screen';
import { CAUSE_IDS } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { SPOKEN_WORDS_PER_SECOND } from '../../lambda/screen';
import { buildSkill } from '../../lambda/skill';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { aplProblems, playCountdown, screenOf, silencesOf, type SentScreen } from '../helpers/night-screen-checks';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation, intentRequest, spoken, userEventRequest, type EnvelopeOptions } from '../helpers/requests';

type Shape = 'RECTANGLE' | 'ROUND';

function setup() {
  const skill = buildSkill({ store: new MemoryHistoryStore(), log: new RecordingLog() });
  const invoke = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
    const response = await skill.invoke(envelope);
    if (response.response.outputSpeech) expectValidSpokenReply(response);
    return response;
  };
  return { invoke, talk: (options: EnvelopeOptions = {}) => new Conversation(invoke, options) };
}

/** Presses the screen's Next button in the conversation's session (Alexa sends the session's attributes). */
async function pressNext(invoke: (e: RequestEnvelope) => Promise<ResponseEnvelope>, last: ResponseEnvelope, screen: Shape = 'RECTANGLE') {
  return invoke(userEventRequest(['next'], { screen, newSession: false, attributes: last.sessionAttributes ?? {} }));
}

/** Every kind of reply the skill gives, on one device: a walk through topics, causes, the routine and the rest. */
async function everyScreen(shape: Shape): Promise<ResponseEnvelope[]> {
  const { invoke, talk } = setup();
  const c = talk({ screen: shape });
  const replies: ResponseEnvelope[] = [await c.launch()];
  const say = async (intent: string, slots = {}) => {
    const reply = await c.say(intent, slots);
    replies.push(reply);
    return reply;
  };
  for (const question of [C.whatAreLegCramps, C.causesOverview, C.prevention, C.seeADoctor]) {
    await say(question);
    for (let more = 0; more < 5 && c.sessionOpen; more++) await say(C.tellMeMore);
  }
  for (const cause of CAUSE_IDS) await say(C.causeDetail, { cause: { value: cause.toLowerCase(), id: cause } });
  await say(C.causeDetail, { cause: { value: 'cycling' } });
  await say(C.causeDetail);
  await say(B.help);
  await say(B.fallback);
  await say(B.pause);
  await say(C.recentTopics);
  // The routine: a wait, a question aside and back, then the button to the end.
  let step = await say(C.reliefRoutine);
  await say(B.pause);
  await say(C.prevention);
  step = await say(B.yes);
  while (step.response.shouldEndSession === false) {
    step = await pressNext(invoke, step, shape);
    replies.push(step);
  }
  await say(C.reliefRoutine);
  await say(B.stop);
  return replies;
}

const screens = (replies: ResponseEnvelope[]) => replies.map((reply) => ({ reply, screen: screenOf(reply)! }));

describe('the night screen document (lambda/content/apl/night-screen.json)', () => {
  it("passes Amazon's APL validator (apl-suggester) without a warning", async () => {
    const data = { heading: 'h', words: 'w', question: 'q', next: true, nextLabel: 'Next', countdownLabel: 'c' };
    expect(await aplProblems({ token: 't', document: NIGHT_SCREEN_DOCUMENT, data })).toEqual([]);
  });

  // WCAG 2 relative luminance and contrast ratio.
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const palette = (NIGHT_SCREEN_DOCUMENT.resources as { colors?: Record<string, string> }[]).reduce<Record<string, string>>((all, r) => ({ ...all, ...r.colors }), {});
  const colour = (value: unknown) => {
    expect(typeof value === 'string' && value.startsWith('@') && palette[value.slice(1)]).toBeTruthy();
    return palette[(value as string).slice(1)];
  };

  /** Every text with the colour behind it (the nearest Frame's background), walking the layout. */
  function textsOnBackgrounds(node: unknown, behind: string | undefined, found: { text: string; on: string }[] = []) {
    if (!node || typeof node !== 'object') return found;
    if (Array.isArray(node)) {
      for (const child of node) textsOnBackgrounds(child, behind, found);
      return found;
    }
    const component = node as Record<string, unknown>;
    const here = component.backgroundColor !== undefined ? colour(component.backgroundColor) : behind;
    if (component.type === 'Text') {
      expect(here).toBeDefined();
      found.push({ text: colour(component.color), on: here! });
    }
    for (const key of ['item', 'items']) textsOnBackgrounds(component[key], here, found);
    return found;
  }

  it('is near-black (relative luminance under 0.02) with dim warm text, 4.5:1 to 10:1 wherever text sits', () => {
    const background = colour((NIGHT_SCREEN_DOCUMENT.mainTemplate.items[0] as { backgroundColor: string }).backgroundColor);
    expect(luminance(background)).toBeLessThan(0.02);
    const pairs = textsOnBackgrounds(NIGHT_SCREEN_DOCUMENT.mainTemplate, undefined);
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    for (const { text, on } of pairs) {
      expect(luminance(on)).toBeLessThan(0.02);
      expect({ text, on, ratio: contrast(text, on) }).toEqual({ text, on, ratio: expect.any(Number) });
      expect(contrast(text, on)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, on)).toBeLessThanOrEqual(10);
      // Warm: more red than blue.
      expect(parseInt(text.slice(1, 3), 16)).toBeGreaterThan(parseInt(text.slice(5, 7), 16));
    }
  });

  it('has a round layout (Echo Spot) and a rectangular one, chosen by viewport.shape', () => {
    const blocks = NIGHT_SCREEN_DOCUMENT.resources as { when?: string; strings?: Record<string, string> }[];
    const round = blocks.find((block) => block.when?.includes("viewport.shape == 'round'"));
    expect(round?.strings).toEqual(expect.objectContaining({ nightAlign: 'center', nightFooterDirection: 'column' }));
    expect(blocks[0].when).toBeUndefined();
    expect(blocks[0].strings).toEqual(expect.objectContaining({ nightAlign: 'left', nightFooterDirection: 'row' }));
  });

  it('is small enough to send with every reply', () => {
    expect(Buffer.byteLength(JSON.stringify(NIGHT_SCREEN_DOCUMENT))).toBeLessThan(6 * 1024);
  });
});

describe.each<Shape>(['RECTANGLE', 'ROUND'])('every screen the skill sends to an APL device (%s)', (shape) => {
  let sent: { reply: ResponseEnvelope; screen: SentScreen }[];
  beforeAll(async () => {
    sent = screens(await everyScreen(shape));
  });

  it('comes with every spoken reply, one RenderDocument each', () => {
    expect(sent.length).toBeGreaterThan(40);
    for (const { reply, screen } of sent) expect({ said: spoken(reply), screen: !!screen }).toEqual({ said: spoken(reply), screen: true });
  });

  it("passes Amazon's APL validator: document, datasource and countdown commands", async () => {
    const problems = new Set<string>();
    for (const { screen } of sent) for (const problem of await aplProblems(screen)) problems.add(problem);
    expect([...problems]).toEqual([]);
  });

  it('shows only words the voice says, from the same reply', () => {
    for (const { reply, screen } of sent) {
      // The heading says which step it is, so the words leave out the spoken label ("Step two.").
      const step = /^routine-step-(\d)$/.exec(screen.token);
      const said = spoken(reply);
      const unlabelled = step ? said.replace(`${prompts.routineStepLabel(Number(step[1]) - 1, ROUTINE_STEPS.length)} `, '') : said;
      expect(unlabelled).toContain(screen.data.words);
      expect(said.endsWith(screen.data.question)).toBe(true);
      expect(screen.data.words.length).toBeGreaterThan(0);
    }
  });

  it('has one token per screen: the routine step, the topic, or the plain night screen', () => {
    const headingOf = new Map<string, string>();
    for (const { screen } of sent) {
      expect(screen.token).toMatch(/^(routine-step-\d|topic-[a-z-]+|night)$/);
      expect(headingOf.get(screen.token) ?? screen.data.heading).toBe(screen.data.heading);
      headingOf.set(screen.token, screen.data.heading);
    }
    for (let i = 0; i < ROUTINE_STEPS.length; i++) expect(headingOf.get(`routine-step-${i + 1}`)).toBe(labels.stepHeading(i, ROUTINE_STEPS.length));
    expect(headingOf.get('topic-causes')).toBe('The causes of leg cramps');
    expect(headingOf.get('night')).toBe(prompts.SKILL_NAME);
  });

  it('shows the Next button exactly while the routine is under way and waiting for the listener', () => {
    for (const { reply, screen } of sent) {
      const underWay = !!(reply.sessionAttributes?.state as { routine?: unknown } | undefined)?.routine;
      expect({ heading: screen.data.heading, next: screen.data.next }).toEqual({ heading: screen.data.heading, next: underWay });
    }
  });

  it('runs a countdown for each silence the voice holds, as long as the SSML breaks, counting down each second', () => {
    let holds = 0;
    for (const { reply, screen } of sent) {
      const ssml = (reply.response.outputSpeech as { ssml: string }).ssml;
      const silences = silencesOf(spokenText(ssml));
      const shown = screen.commands ? playCountdown(screen.commands) : [];
      expect(shown.map((countdown) => countdown.ms)).toEqual(silences);
      for (const countdown of shown) {
        const seconds = Math.ceil(countdown.ms / 1000);
        expect(countdown.numbers).toEqual(Array.from({ length: seconds }, (_, i) => String(seconds - i)));
        holds++;
      }
    }
    expect(holds).toBeGreaterThan(ROUTINE_STEPS.length);
  });
});

describe('the routine on screen', () => {
  it("step one: heading, the step's words without the spoken label, two 10 s holds after the words before them", async () => {
    const { talk } = setup();
    const first = await talk({ screen: 'RECTANGLE' }).say(C.reliefRoutine);
    const screen = screenOf(first)!;
    expect(screen.token).toBe('routine-step-1');
    expect(screen.data.heading).toBe(`Step 1 of ${ROUTINE_STEPS.length}`);
    expect(screen.data.words.startsWith(ROUTINE_STEPS[0].instruction.text)).toBe(true);
    expect(screen.data.next).toBe(true);
    const [hold1, hold2] = playCountdown(screen.commands!);
    const wordsBefore = `${prompts.routineStepLabel(0, ROUTINE_STEPS.length)} ${ROUTINE_STEPS[0].instruction.text}`.split(/\s+/).length;
    expect(hold1).toEqual({ fromMs: Math.round((wordsBefore / SPOKEN_WORDS_PER_SECOND) * 1000), ms: 10_000, numbers: ['10', '9', '8', '7', '6', '5', '4', '3', '2', '1'] });
    expect(hold2.ms).toBe(10_000);
    expect(hold2.fromMs).toBeGreaterThan(hold1.fromMs + hold1.ms);
  });

  it('the last step ends the routine: no Next button, no question', async () => {
    const { invoke, talk } = setup();
    let reply = await talk({ screen: 'ROUND' }).say(C.reliefRoutine);
    for (let i = 1; i < ROUTINE_STEPS.length; i++) reply = await pressNext(invoke, reply, 'ROUND');
    const screen = screenOf(reply)!;
    expect(screen.token).toBe(`routine-step-${ROUTINE_STEPS.length}`);
    expect(screen.data).toEqual(expect.objectContaining({ next: false, question: '' }));
    expect(reply.response.shouldEndSession).toBe(true);
  });
});

describe('the Next button', () => {
  /** The same session state answered by a press and by saying "next". */
  async function pressAndSay(prepare: (c: Conversation) => Promise<ResponseEnvelope>) {
    const { invoke, talk } = setup();
    const before = await prepare(talk({ screen: 'RECTANGLE' }));
    const attributes = before.sessionAttributes ?? {};
    const pressed = await pressNext(invoke, before);
    const said = await invoke(intentRequest(B.next, {}, { screen: 'RECTANGLE', newSession: false, attributes }));
    return { pressed, said };
  }

  it.each([
    ['at step one', (c: Conversation) => c.say(C.reliefRoutine)],
    ['while waiting at a step', async (c: Conversation) => (await c.say(C.reliefRoutine), c.say(B.pause))],
    ['after a question asked mid-routine', async (c: Conversation) => (await c.say(C.reliefRoutine), c.say(C.prevention))],
    ['outside the routine, after a topic', (c: Conversation) => c.say(C.causesOverview)],
    ['at the launch offer', (c: Conversation) => c.launch()],
  ])('does what saying "next" does %s', async (_, prepare) => {
    const { pressed, said } = await pressAndSay(prepare);
    expect(spoken(pressed)).toBe(spoken(said));
    // Both answers were saved from the same state, one after the other: only the stored version and the time differ.
    const ignoringSaveOrder = (reply: ResponseEnvelope) =>
      JSON.parse(JSON.stringify(reply.sessionAttributes), (key, value) => (key === 'version' || key === 'at' ? undefined : value));
    expect(ignoringSaveOrder(pressed)).toEqual(ignoringSaveOrder(said));
    expect(screenOf(pressed)).toEqual(screenOf(said));
  });

  it('moves the routine on one step', async () => {
    const { invoke, talk } = setup();
    const first = await talk({ screen: 'RECTANGLE' }).say(C.reliefRoutine);
    const second = await pressNext(invoke, first);
    expect(spoken(second)).toContain(ROUTINE_STEPS[1].instruction.text);
    expect(screenOf(second)!.token).toBe('routine-step-2');
  });

  it('any other screen event gets an empty answer: no speech, no screen, nothing stored', async () => {
    const { invoke } = setup();
    for (const args of [['later'], [], [{ next: true }]]) {
      const reply = await invoke(userEventRequest(args, { screen: 'RECTANGLE' }));
      expect(reply.response.outputSpeech).toBeUndefined();
      expect(reply.response.directives).toBeUndefined();
    }
  });
});

describe('devices without a screen', () => {
  it('get the same voice and card, and no directive at all', async () => {
    const voice = setup();
    const screen = setup();
    const plain = voice.talk();
    const apl = screen.talk({ screen: 'RECTANGLE' });
    const turns: [string, () => Promise<[ResponseEnvelope, ResponseEnvelope]>][] = [
      ['launch', async () => [await plain.launch(), await apl.launch()]],
      ['yes', async () => [await plain.say(B.yes), await apl.say(B.yes)]],
      ['next', async () => [await plain.say(B.next), await apl.say(B.next)]],
      ['prevention', async () => [await plain.say(C.prevention), await apl.say(C.prevention)]],
      ['yes', async () => [await plain.say(B.yes), await apl.say(B.yes)]],
    ];
    for (const [, turn] of turns) {
      const [without, withScreen] = await turn();
      expect(without.response.directives).toBeUndefined();
      expect(withScreen.response.directives?.length).toBeGreaterThan(0);
      const { directives: _screen, ...same } = withScreen.response;
      expect(without.response).toEqual(same);
    }
  });
});

describe('the manifest', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'infra', 'skill-package', 'skill.json'), 'utf8')).manifest;
  const interfaces = manifest.apis.custom.interfaces as { type: string; supportedViewports?: { shape: string }[] }[];

  it('declares the APL interface, for round and rectangular screens', () => {
    const apl = interfaces.find((i) => i.type === 'ALEXA_PRESENTATION_APL');
    expect(new Set(apl?.supportedViewports?.map((v) => v.shape))).toEqual(new Set(['ROUND', 'RECTANGLE']));
  });
});

describe('a cause the article does not cover, on screen and in the card', () => {
  it('shows and writes what is spoken: the words heard named as not covered, then the covered causes', async () => {
    const { talk } = setup();
    const c = talk({ screen: 'RECTANGLE' });
    await c.launch();
    const reply = await c.say(C.causeDetail, { cause: { value: 'gout' } });
    const screen = screenOf(reply)!;
    expect(screen.data.words).toContain(prompts.notCovered('gout'));
    expect(screen.data.words).toContain(prompts.coveredCauses(CAUSE_TOPIC_IDS));
    expect(screen.data.question).toBe(prompts.WHICH_CAUSE_QUESTION);
    expect(reply.response.card).toEqual(expect.objectContaining({ content: expect.stringContaining(prompts.notCovered('gout')) }));
    expect(await aplProblems(screen)).toEqual([]);
  });
});
