import type { ResponseEnvelope } from 'ask-sdk-model';
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { TOPICS, topic } from '../../lambda/content/topics';
import { CAUSE_IDS, TOPIC_IDS, type CauseId, type TopicId } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { RecordingLog } from '../helpers/recording-log';
import { Conversation, spoken } from '../helpers/requests';

/**
 * The conversation as a graph: every topic's offers, followed by "yes" or by "tell me more", as a
 * listener would, through the whole skill. A chain never comes back to a topic within 5 steps, the causes
 * overview leads to all 11 causes, and no offer leads into the relief routine.
 */

/** How many topics a walk follows: more than the whole tour, so every cycle shows. */
const WALK_TOPICS = TOPIC_IDS.length + 5;
/** A topic may come back in a chain, but not within this many steps of hearing it. */
const MIN_RETURN = 5;

const TOPIC_INTENT: Partial<Record<TopicId, string>> = {
  WHAT_ARE_THEY: C.whatAreLegCramps,
  CAUSES: C.causesOverview,
  PREVENTION: C.prevention,
  TREATMENT: C.treatment,
  SEE_A_DOCTOR: C.seeADoctor,
};
const CAUSES = new Set<string>(CAUSE_IDS);
/** Topics a listener can ask for by name; the relief routine starts the routine itself. */
const ASKABLE = TOPIC_IDS.filter((id) => id !== 'RELIEF_ROUTINE');

function conversation(): Conversation {
  const skill = buildSkill({ store: new MemoryHistoryStore(), log: new RecordingLog() });
  return new Conversation((envelope) => skill.invoke(envelope));
}

function ask(c: Conversation, id: TopicId): Promise<ResponseEnvelope> {
  if (CAUSES.has(id)) return c.say(C.causeDetail, { cause: { value: topic(id).title, id: id as CauseId } });
  return c.say(TOPIC_INTENT[id]!);
}

/** The topic whose summary a reply speaks, if any. */
function topicSpoken(reply: ResponseEnvelope): TopicId | undefined {
  const text = spoken(reply);
  return TOPIC_IDS.find((id) => text.includes(TOPICS[id].summary.text));
}

function startsRoutine(reply: ResponseEnvelope): boolean {
  const text = spoken(reply);
  return ROUTINE_STEPS.some((step) => text.includes(step.instruction.text));
}

/** Asks `start`, then answers every turn with `answer`; returns the topics heard, in order. */
async function walk(start: TopicId, answer: string): Promise<{ topics: TopicId[]; routine: boolean }> {
  const c = conversation();
  await c.launch();
  const topics: TopicId[] = [];
  let routine = false;
  let reply = await ask(c, start);
  for (let turn = 0; turn < 100 && topics.length < WALK_TOPICS; turn++) {
    const heard = topicSpoken(reply);
    if (heard) topics.push(heard);
    routine ||= startsRoutine(reply);
    if (!c.sessionOpen) break;
    reply = await c.say(answer);
  }
  return { topics, routine };
}

function returnsTooSoon(topics: readonly TopicId[]): string[] {
  const found: string[] = [];
  topics.forEach((id, i) => {
    const before = topics.slice(Math.max(0, i - MIN_RETURN), i);
    if (before.includes(id)) found.push(`${id} again after ${before.length - before.lastIndexOf(id)} steps`);
  });
  return found;
}

describe('the related-topic graph (topics.ts)', () => {
  it.each(TOPIC_IDS)('from %s, following offers meets no topic again within 5 steps', (start) => {
    const chain: TopicId[] = [start];
    for (let i = 0; i < WALK_TOPICS; i++) chain.push(TOPICS[chain[chain.length - 1]].related);
    expect(returnsTooSoon(chain)).toEqual([]);
  });

  it('never offers the relief routine', () => {
    expect(TOPIC_IDS.filter((id) => TOPICS[id].related === 'RELIEF_ROUTINE')).toEqual([]);
  });
});

describe('following "yes" through the skill', () => {
  it.each(ASKABLE)('from %s: no topic again within 5 steps, and never the relief routine', async (start) => {
    const { topics, routine } = await walk(start, B.yes);
    expect(topics[0]).toBe(start);
    expect(topics.length).toBe(WALK_TOPICS);
    expect(returnsTooSoon(topics)).toEqual([]);
    expect(routine).toBe(false);
  });

  it('from the causes overview reaches all 11 causes', async () => {
    const { topics } = await walk('CAUSES', B.yes);
    expect(CAUSE_IDS.filter((id) => !topics.includes(id))).toEqual([]);
  });

  it('from sleep position goes on to another topic, not "Let\'s ease this cramp"', async () => {
    const c = conversation();
    await c.launch();
    await ask(c, 'SLEEP_POSITION');
    await c.say(B.yes);
    const next = await c.say(B.yes);
    expect(spoken(next)).not.toContain(prompts.routineStepLabel(0, ROUTINE_STEPS.length));
    expect(topicSpoken(next)).toBe(TOPICS.SLEEP_POSITION.related);
  });
});

describe('"tell me more"', () => {
  it.each(ASKABLE)('from %s follows the same chain as "yes": past the end it takes the offered topic', async (start) => {
    const [byYes, byMore] = await Promise.all([walk(start, B.yes), walk(start, C.tellMeMore)]);
    expect(byMore.topics).toEqual(byYes.topics);
    expect(byMore.routine).toBe(false);
  });

  it('past the end of a topic never repeats "That\'s everything I have on"', async () => {
    const c = conversation();
    await c.launch();
    await ask(c, 'FOOTWEAR');
    const last = await c.say(C.tellMeMore);
    expect(spoken(last)).toContain(prompts.offerTopicQuestion(TOPICS.FOOTWEAR.related));
    const next = await c.say(C.tellMeMore);
    expect(topicSpoken(next)).toBe(TOPICS.FOOTWEAR.related);
    expect(spoken(next)).not.toContain("That's everything");
  });
});

describe('"what did I ask last time"', () => {
  it('lists each topic once and offers one not just heard', async () => {
    const c = conversation();
    await c.launch();
    for (const id of ['PREVENTION', 'FOOTWEAR', 'PREVENTION', 'AGE', 'FOOTWEAR'] as const) await ask(c, id);
    const reply = await c.say(C.recentTopics);
    const text = spoken(reply);
    expect(text).toContain(prompts.recentList(['FOOTWEAR', 'AGE', 'PREVENTION']));
    const offered = topicSpoken(await c.say(B.yes));
    expect(offered).toBeDefined();
    expect(['FOOTWEAR', 'AGE', 'PREVENTION', 'RELIEF_ROUTINE']).not.toContain(offered);
  });
});
