/**
 * The routine fitted to the listener: step one gives only the named muscle's stretch, whether the muscle is
 * named when the routine starts or during it; "it's not going away" mid-routine or just after it is answered
 * with the persisting advice and an offer to repeat, never a restart or a fallback. Phrases go through the
 * local NLU (trained from the interaction models), so a listener's words are tested, not intent names.
 */
import type { Intent, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import * as prompts from '../../lambda/content/prompts';
import { PERSISTING_ADVICE, ROUTINE_STEPS, STRETCHES, stretchFor } from '../../lambda/content/routine';
import { MUSCLE_IDS } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { trainNlu, type LocalNlu } from '../../nlu/nlu';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { intentRequest, spoken } from '../helpers/requests';

const MINUTE = 60_000;

let nlu: LocalNlu;
beforeAll(async () => {
  nlu = await trainNlu('en-US');
});

/** One listener: each phrase understood by the NLU, the session carried between turns as Alexa does. */
function listener(clock = { now: Date.parse('2026-03-01T02:00:00Z') }) {
  const store = new MemoryHistoryStore({ now: () => clock.now });
  const skill = buildSkill({ store, log: new RecordingLog(), now: () => clock.now });
  let attributes: Record<string, unknown> | undefined;
  const say = async (phrase: string): Promise<{ intent: Intent; reply: ResponseEnvelope; said: string }> => {
    const intent = (await nlu.understand(phrase)).intent;
    const envelope: RequestEnvelope = intentRequest(intent.name, {}, { newSession: attributes === undefined, attributes: attributes ?? {} });
    (envelope.request as { intent: Intent }).intent = intent;
    const reply = await skill.invoke(envelope);
    expectValidSpokenReply(reply);
    attributes = reply.response.shouldEndSession === false ? reply.sessionAttributes : undefined;
    return { intent, reply, said: spoken(reply) };
  };
  return { say, store, clock };
}

const otherStretches = (muscle: keyof typeof STRETCHES) => MUSCLE_IDS.filter((id) => id !== muscle).map((id) => STRETCHES[id].text);

describe('step one fits the muscle named when the routine starts', () => {
  it.each([
    ['my calf is cramping', 'CALF'],
    ['i have a cramp in my calf right now', 'CALF'],
    ['cramp in my foot help', 'FOOT'],
    ['my toes are cramping what do i do', 'FOOT'],
    ['my thigh is cramping', 'THIGH'],
    ['my hamstring is cramping help', 'BACK_OF_THIGH'],
    ['cramp in the back of my leg right now', 'CALF'],
  ] as const)('"%s" → only the %s stretch', async (phrase, muscle) => {
    const { say } = listener();
    const { intent, said } = await say(phrase);
    expect(intent.name).toBe(C.reliefRoutine);
    expect(said).toContain(stretchFor(muscle).text);
    expect(said).not.toContain(ROUTINE_STEPS[0]!.instruction.text);
    for (const other of otherStretches(muscle)) expect(said).not.toContain(other);
  });

  it('is shorter than the general step one', () => {
    for (const muscle of MUSCLE_IDS) expect(STRETCHES[muscle].text.length).toBeLessThan(ROUTINE_STEPS[0]!.instruction.text.length);
  });

  it('keeps the general wording when no muscle is named', async () => {
    const { said } = await listener().say('i have a leg cramp right now');
    expect(said).toContain(ROUTINE_STEPS[0]!.instruction.text);
  });
});

describe('step one fits the muscle named during the routine', () => {
  it.each([
    ["it's my thigh", 'THIGH'],
    ["it's in my foot", 'FOOT'],
    ['the calf', 'CALF'],
  ] as const)('"%s" at step one gives the %s stretch and stays in the routine', async (phrase, muscle) => {
    const { say } = listener();
    await say('i have a leg cramp right now');
    const { said, reply } = await say(phrase);
    expect(said).toContain(stretchFor(muscle).text);
    expect(reply.response.shouldEndSession).toBe(false);
  });

  it('"it\'s my thigh" later in the routine goes back to step one with the thigh stretch', async () => {
    const { say } = listener();
    await say('i have a leg cramp right now');
    await say('next');
    const { said } = await say("it's my thigh");
    expect(said).toContain(stretchFor('THIGH').text);
    expect(said).toContain('Step one');
  });

  it('never stores the muscle in the listener\'s history', async () => {
    const { say, store } = listener();
    await say('my hamstring is cramping help');
    await say("it's my thigh");
    await say('next');
    const stored = JSON.stringify([...store.table.values()]);
    expect(stored).not.toMatch(/THIGH|hamstring|thigh|CALF|FOOT/i);
  });
});

describe('"it\'s not going away"', () => {
  const persisting = ["it's not going away", 'it still hurts', "it's getting worse", 'the cramp is still going'];

  it.each(persisting)('mid-routine, "%s" is answered: advice, the step kept, an offer to repeat it', async (phrase) => {
    const { say } = listener();
    await say('i have a leg cramp right now');
    await say('next');
    const { intent, said, reply } = await say(phrase);
    expect(intent.name).not.toBe(B.fallback);
    expect(said).toContain(prompts.PERSISTING_ACK);
    for (const passage of PERSISTING_ADVICE) expect(said).toContain(passage.text);
    expect(said).not.toContain(ROUTINE_STEPS[0]!.instruction.text);
    expect(said.endsWith(prompts.routineRepeatQuestion(1))).toBe(true);
    expect(reply.response.shouldEndSession).toBe(false);
    // "yes" repeats the step that was kept, not step one.
    const again = await say('yes');
    expect(again.said).toContain(ROUTINE_STEPS[1]!.instruction.text);
  });

  it('right after the routine, "it still hurts" gets the advice and an offer to stretch again', async () => {
    const { say, clock } = listener();
    await say('my calf is cramping');
    let last = await say('next');
    for (let step = 2; step < ROUTINE_STEPS.length; step++) last = await say('next');
    expect(last.said).toContain(prompts.ROUTINE_DONE);
    clock.now += 5 * MINUTE;
    const { said } = await say('it still hurts');
    expect(said).toContain(prompts.PERSISTING_ACK);
    for (const passage of PERSISTING_ADVICE) expect(said).toContain(passage.text);
    expect(said.endsWith(prompts.STRETCH_AGAIN_QUESTION)).toBe(true);
    const again = await say('yes');
    expect(again.said).toContain('Step one');
  });

  it('long after any routine, it is a plea for relief: the routine starts', async () => {
    const { say, clock } = listener();
    await say('i have a leg cramp right now');
    await say('stop');
    clock.now += 3 * 60 * MINUTE;
    const { said } = await say("it's not going away");
    expect(said).toContain(ROUTINE_STEPS[0]!.instruction.text);
    expect(said).not.toContain(prompts.PERSISTING_ACK);
  });
});
