/**
 * Someone woken by a cramp is helped first, every time. The relief routine is a mode: while it is
 * under way, "go on", "okay", "done" advance whichever intent they resolve to; "wait", "not yet" keep the
 * step; a question is answered and "back to the steps" returns. Phrases go through the local NLU (trained
 * from the interaction models, as `npm start` does), so the words a listener says are tested, not only
 * intent names.
 */
import type { Intent, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { MAX_BREAK_SECONDS } from '../../lambda/content/ssml';
import { topic } from '../../lambda/content/topics';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import type { Offer, SessionState } from '../../lambda/turn';
import { LOCALES, type Locale } from '../../interaction-models/source';
import { trainNlu, type LocalNlu } from '../../nlu/nlu';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation, intentRequest, launchRequest, reprompt, spoken } from '../helpers/requests';

/** Alexa speaks about 2.5 words a second; the night voice runs at 90%: about 2.3. Breaks are exact. */
const WORDS_PER_SECOND = 2.3;

const ADVANCE_PHRASES = ['yes', 'go on', 'continue', 'keep going', 'carry on', 'okay', 'ready', 'done', 'next', 'skip', "it's easing"];
const PAUSE_PHRASES = ['no', 'not yet', 'wait', 'hold on', 'give me a minute', 'pause'];
const LAST = ROUTINE_STEPS.length - 1;

function setup() {
  const store = new MemoryHistoryStore();
  const skill = buildSkill({ store, log: new RecordingLog() });
  const invoke = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
    const response = await skill.invoke(envelope);
    if (response.response.outputSpeech) expectValidSpokenReply(response);
    return response;
  };
  return { store, invoke, talk: () => new Conversation(invoke) };
}

const nlus = new Map<Locale, LocalNlu>();
beforeAll(async () => {
  for (const locale of LOCALES) nlus.set(locale, await trainNlu(locale));
});

async function understand(phrase: string, locale: Locale = 'en-US'): Promise<Intent> {
  return (await nlus.get(locale)!.understand(phrase)).intent;
}

/** The next turn of the session `after` left open, as the intent the NLU heard in `phrase`. */
async function answer(invoke: (e: RequestEnvelope) => Promise<ResponseEnvelope>, after: ResponseEnvelope, phrase: string, locale: Locale = 'en-US') {
  expect(after.response.shouldEndSession).toBe(false);
  const intent = await understand(phrase, locale);
  const envelope = intentRequest(intent.name, {}, { locale, newSession: false, attributes: after.sessionAttributes ?? {} });
  (envelope.request as { intent: Intent }).intent = intent;
  return { intent, reply: await invoke(envelope) };
}

const stateOf = (reply: ResponseEnvelope): SessionState => (reply.sessionAttributes as { state: SessionState }).state;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const ssmlOf = (reply: ResponseEnvelope) => (reply.response.outputSpeech as { ssml: string }).ssml;
const breaks = (ssml: string) => [...ssml.matchAll(/<break time="(\d+)s"\/>/g)].reduce((sum, m) => sum + Number(m[1]), 0);
const seconds = (reply: ResponseEnvelope) => words(spoken(reply)) / WORDS_PER_SECOND + breaks(ssmlOf(reply));

/** A conversation that has just heard step `index` of the routine. */
async function atStep(index: number) {
  const { invoke, talk } = setup();
  const c = talk();
  await c.launch();
  let reply = await c.say(B.yes);
  for (let i = 0; i < index; i++) reply = await c.say(B.next);
  expect(spoken(reply)).toContain(ROUTINE_STEPS[index].instruction.text);
  return { invoke, reply };
}

describe('pain first', () => {
  it('answers a first-time one-shot "how do I stop a cramp now" with step one, the disclaimer after it', async () => {
    const { invoke } = setup();
    const intent = await understand('how do i stop a cramp now');
    expect(intent.name).toBe(C.reliefRoutine);
    const reply = await invoke(intentRequest(intent.name, {}, { newSession: true, attributes: {} }));
    const said = spoken(reply);
    expect(said.split(/\s+/).slice(0, 15).join(' ')).toMatch(/Step one/);
    expect(said.indexOf(ROUTINE_STEPS[0].instruction.text)).toBeGreaterThanOrEqual(0);
    expect(said.indexOf(prompts.DISCLAIMER.text)).toBeGreaterThan(said.indexOf(ROUTINE_STEPS[0].instruction.text));
    expect(reply.response.shouldEndSession).toBe(false);
  });

  it.each([
    ['a new listener', false],
    ['a returning listener', true],
  ])('offers the routine at launch to %s, and yes starts it', async (_who, returning) => {
    const { talk } = setup();
    if (returning) {
      const before = talk();
      await before.say(C.prevention);
      await before.say(B.stop);
    }
    const c = talk();
    const hello = await c.launch();
    expect(spoken(hello).endsWith(prompts.RELIEF_OFFER_QUESTION)).toBe(true);
    expect(spoken(hello)).not.toContain(prompts.DISCLAIMER.text);
    const first = await c.say(B.yes);
    expect(spoken(first)).toContain(ROUTINE_STEPS[0].instruction.text);
  });

  it('keeps the session open after "no" to the launch offer', async () => {
    const { invoke } = setup();
    const hello = await invoke(launchRequest({ newSession: true, attributes: {} }));
    for (const phrase of ['no', 'no thanks', 'not now']) {
      const { reply } = await answer(invoke, hello, phrase);
      expect(reply.response.shouldEndSession).toBe(false);
      expect(spoken(reply)).toBe(`${prompts.RELIEF_DECLINED} ${prompts.WHAT_NEXT_QUESTION}`);
    }
  });

  it('picks up the last topic on request ("continue where we left off"), not through an either/or question', async () => {
    const { talk, invoke } = setup();
    const night1 = talk();
    await night1.say(C.causesOverview);
    await night1.say(B.stop);
    const hello = await invoke(launchRequest({ newSession: true, attributes: {} }));
    expect(spoken(hello)).not.toMatch(/, or hear something else\?/);
    const { reply } = await answer(invoke, hello, 'continue where we left off');
    expect(spoken(reply)).toContain(topic('CAUSES').deeper[0].text);
  });
});

describe('the routine is a mode', () => {
  it.each(LOCALES)('every advance phrase moves on at every step (%s)', async (locale) => {
    for (let step = 0; step < LAST; step++) {
      const { invoke, reply } = await atStep(step);
      for (const phrase of ADVANCE_PHRASES) {
        const { intent, reply: next } = await answer(invoke, reply, phrase, locale);
        expect({ phrase, step, intent: intent.name, said: spoken(next) }).toEqual(
          expect.objectContaining({ said: expect.stringContaining(ROUTINE_STEPS[step + 1].instruction.text) }),
        );
      }
    }
  });

  it.each(LOCALES)('every pause phrase keeps the step, and "next" then goes on from it (%s)', async (locale) => {
    for (let step = 0; step < LAST; step++) {
      const { invoke, reply } = await atStep(step);
      for (const phrase of PAUSE_PHRASES) {
        const { intent, reply: waiting } = await answer(invoke, reply, phrase, locale);
        expect({ phrase, step, intent: intent.name, open: waiting.response.shouldEndSession, said: spoken(waiting) }).toEqual(
          expect.objectContaining({ open: false, said: expect.stringContaining(prompts.ROUTINE_WAIT) }),
        );
        expect(reprompt(waiting).length).toBeGreaterThan(0);
        expect(stateOf(waiting).routine).toEqual({ step });
        const { reply: next } = await answer(invoke, waiting, 'next', locale);
        expect(spoken(next)).toContain(ROUTINE_STEPS[step + 1].instruction.text);
      }
    }
  });

  it('waits patiently more than once, and after something not understood', async () => {
    const { invoke, reply } = await atStep(1);
    const first = await answer(invoke, reply, 'wait');
    const second = await answer(invoke, first.reply, 'hold on');
    expect(spoken(second.reply)).toContain(prompts.ROUTINE_WAIT);
    const envelope = intentRequest(B.fallback, {}, { newSession: false, attributes: second.reply.sessionAttributes ?? {} });
    const mumble = await invoke(envelope);
    expect(mumble.response.shouldEndSession).toBe(false);
    expect(spoken(mumble)).toContain(prompts.ROUTINE_WAIT);
    expect(spoken((await answer(invoke, mumble, 'okay')).reply)).toContain(ROUTINE_STEPS[2].instruction.text);
  });

  it.each(['stop', 'cancel'])('"%s" ends the routine kindly', async (phrase) => {
    const { invoke, reply } = await atStep(2);
    const { reply: end } = await answer(invoke, reply, phrase);
    expect(spoken(end)).toBe(prompts.ROUTINE_STOPPED);
    expect(end.response.shouldEndSession).toBe(true);
  });

  it('"repeat", "previous" and "start over" work as before', async () => {
    const { invoke, reply } = await atStep(2);
    expect(spoken((await answer(invoke, reply, 'repeat')).reply)).toContain(ROUTINE_STEPS[2].instruction.text);
    const back = await answer(invoke, reply, 'previous');
    expect(spoken(back.reply)).toContain(ROUTINE_STEPS[1].instruction.text);
    expect(spoken((await answer(invoke, back.reply, 'next')).reply)).toContain(ROUTINE_STEPS[2].instruction.text);
    expect(spoken((await answer(invoke, reply, 'start over')).reply)).toContain(ROUTINE_STEPS[0].instruction.text);
  });

  it('answers a question mid-routine, then "back to the steps" returns to the step the listener left', async () => {
    const { invoke, reply } = await atStep(2);
    const aside = await answer(invoke, reply, 'what causes leg cramps');
    expect(aside.intent.name).toBe(C.causesOverview);
    expect(spoken(aside.reply)).toContain(topic('CAUSES').summary.text);
    expect(spoken(aside.reply).endsWith(prompts.ROUTINE_ASIDE_QUESTION)).toBe(true);
    for (const phrase of ['back to the steps', 'continue the routine', 'yes']) {
      const { reply: back } = await answer(invoke, aside.reply, phrase);
      expect(spoken(back)).toContain(prompts.ROUTINE_BACK);
      expect(spoken(back)).toContain(ROUTINE_STEPS[2].instruction.text);
      expect(spoken((await answer(invoke, back, 'next')).reply)).toContain(ROUTINE_STEPS[3].instruction.text);
    }
  });

  it('the last step ends the routine and the session, with when to see a provider', async () => {
    const { reply } = await atStep(LAST);
    expect(spoken(reply)).toMatch(/healthcare provider/);
    expect(spoken(reply)).toContain(prompts.ROUTINE_DONE);
    expect(reply.response.shouldEndSession).toBe(true);
  });

  it('a new session never starts mid-routine', async () => {
    const { talk } = setup();
    const night1 = talk();
    await night1.say(C.reliefRoutine);
    await night1.say(B.next);
    await night1.say(B.stop);
    const night2 = talk();
    const hello = await night2.launch();
    expect(stateOf(hello).routine).toBeUndefined();
    expect(spoken(await night2.say(B.yes))).toContain(ROUTINE_STEPS[0].instruction.text);
  });
});

describe('guided timing, from the rendered SSML', () => {
  async function wholeRoutine() {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(B.no); // past the greeting
    await c.say(C.prevention); // the one-time disclaimer is not part of the routine
    const replies = [await c.say(C.reliefRoutine)];
    for (let i = 1; i < ROUTINE_STEPS.length; i++) replies.push(await c.say(B.next));
    return replies;
  }

  it('holds the stretch at least 20 s, chaining breaks of at most 10 s with a calm cue between', async () => {
    const [first] = await wholeRoutine();
    const ssml = ssmlOf(first!);
    expect(breaks(ssml)).toBeGreaterThanOrEqual(20);
    for (const m of ssml.matchAll(/<break time="(\d+)s"\/>/g)) expect(Number(m[1])).toBeLessThanOrEqual(MAX_BREAK_SECONDS);
    expect(ssml).not.toMatch(/<break time="\d+s"\/>\s*<break/);
  });

  it('gives at least 5 s to raise the feet and 5 s for a drink', async () => {
    const replies = await wholeRoutine();
    const feet = replies.find((r) => /feet raised/.test(spoken(r)));
    const drink = replies.find((r) => /water/.test(spoken(r)));
    expect(breaks(ssmlOf(feet!))).toBeGreaterThanOrEqual(5);
    expect(breaks(ssmlOf(drink!))).toBeGreaterThanOrEqual(5);
  });

  it('keeps each reply under 90 s of audio and the whole routine under 3 minutes', async () => {
    const replies = await wholeRoutine();
    for (const reply of replies) expect(seconds(reply)).toBeLessThan(90);
    expect(replies.reduce((total, reply) => total + seconds(reply), 0)).toBeLessThan(180);
  });
});

/**
 * Every question the skill asks must be answerable with the words it invites. The walk starts from every
 * entry point, follows every invited answer (through the NLU, as a listener would say it), and checks that
 * each lands where the question said it would.
 */
describe('every question can be answered with the words it invites', () => {
  /** The phrases a reply invites: "say yes", "say: dehydration, medications, or sleep position", "or no to …", "ask … like: …". */
  function invitations(text: string): string[] {
    const found = new Set<string>();
    const clean = (phrase: string) => phrase.trim().replace(/^(?:or|and)\s+/i, '').toLowerCase();
    const list = (run: string) => run.split(/,\s*(?:or\s+)?|\s+or\s+/).map(clean).filter((p) => p && !/^(and|i'll|ask)\b/.test(p));
    for (const m of text.matchAll(/\bsay:?\s+([^.?]+)/gi)) {
      const run = m[1]!.split(/\s(?:to|for|when|if)\s/i)[0]!;
      for (const phrase of list(run)) found.add(phrase);
    }
    for (const m of text.matchAll(/\bor (no|repeat|next|wait)\b/gi)) found.add(m[1]!.toLowerCase());
    for (const m of text.matchAll(/(?:something(?: else)?,? like:?|you can ask)\s+([^.?]+)/gi)) for (const phrase of list(m[1]!)) found.add(phrase);
    return [...found];
  }

  /** What a yes (or "next", "repeat", "wait") must lead to, from the state the question left. */
  function expectLandsWhereOffered(phrase: string, state: SessionState, reply: ResponseEnvelope): void {
    const said = spoken(reply);
    const offer: Offer | undefined = state.offer;
    const routine = state.routine;
    if (phrase === 'yes') {
      switch (offer?.kind) {
        case 'relief':
          return expect(said).toContain(ROUTINE_STEPS[0].instruction.text);
        case 'more':
          return expect(said).toContain(topic(offer.topic).deeper[state.history.depth]!.text);
        case 'topic':
          return expect(said).toContain(offer.topic === 'RELIEF_ROUTINE' ? ROUTINE_STEPS[0].instruction.text : topic(offer.topic).summary.text);
        case 'routineNext':
          return expect(said).toContain(ROUTINE_STEPS[routine!.step + 1]!.instruction.text);
        case 'routineResume':
          return expect(said).toContain(`${prompts.ROUTINE_BACK} `);
        case 'forget':
          return expect(said).toBe(prompts.FORGET_DONE);
        default:
          throw new Error(`a reply invites "yes" but offers nothing: ${said}`);
      }
    }
    if (routine && phrase === 'next') return expect(said).toContain(ROUTINE_STEPS[routine.step + 1]!.instruction.text);
    if (routine && phrase === 'repeat') return expect(said).toContain(ROUTINE_STEPS[routine.step]!.instruction.text);
    if (routine && phrase === 'wait') return expect(said).toContain(prompts.ROUTINE_WAIT);
  }

  it('holds for every reply reachable from every entry point', async () => {
    const { invoke } = setup();
    const entries: ResponseEnvelope[] = [
      await invoke(launchRequest({ newSession: true, attributes: {} })),
      ...(await Promise.all(
        [C.reliefRoutine, C.whatAreLegCramps, C.causesOverview, C.causeDetail, C.prevention, C.seeADoctor, C.recentTopics, C.forgetHistory, B.help, B.fallback].map(
          (name) => invoke(intentRequest(name, {}, { newSession: true, attributes: {} })),
        ),
      )),
    ];
    const seen = new Set<string>();
    let frontier = entries.filter((r) => r.response.shouldEndSession === false);
    let checked = 0;
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: ResponseEnvelope[] = [];
      for (const reply of frontier) {
        const key = `${spoken(reply)}|${JSON.stringify(stateOf(reply).offer)}|${JSON.stringify(stateOf(reply).routine)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const invited = invitations(`${spoken(reply)} ${reprompt(reply)}`);
        expect({ said: spoken(reply), invited: invited.length > 0 }).toEqual({ said: spoken(reply), invited: true });
        for (const phrase of invited) {
          const { intent, reply: after } = await answer(invoke, reply, phrase);
          const said = spoken(after);
          expect({ question: spoken(reply), phrase, understoodAs: intent.name }).not.toEqual(expect.objectContaining({ understoodAs: B.fallback }));
          for (const wrong of [prompts.FALLBACK, prompts.YES_WITHOUT_OFFER, prompts.ERROR_APOLOGY, prompts.NOTHING_TO_CONTINUE]) {
            expect({ question: spoken(reply), phrase, said }).not.toEqual(expect.objectContaining({ said: expect.stringContaining(wrong) }));
          }
          expectLandsWhereOffered(phrase, stateOf(reply), after);
          checked++;
          if (after.response.shouldEndSession === false) next.push(after);
        }
      }
      frontier = next;
    }
    expect(seen.size).toBeGreaterThan(20);
    expect(checked).toBeGreaterThan(50);
  });
});
