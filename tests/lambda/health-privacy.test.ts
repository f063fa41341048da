import * as prompts from '../../lambda/content/prompts';
import { topic } from '../../lambda/content/topics';
import { HEALTH_CONDITION_TOPIC_IDS, TOPIC_IDS, type CauseId, type TopicId } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { EMPTY_HISTORY, MAX_RECENT_TOPICS, sanitizeHistory, userKey, type UserHistory } from '../../lambda/state/history';
import { encodeHistory, expiresAtFor } from '../../lambda/state/history-item';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { isHealthConditionTopic, storableHistory, withSessionOnlyTopics } from '../../lambda/state/privacy';
import { RecordingLog } from '../helpers/recording-log';
import { Conversation, spoken, TEST_USER_ID } from '../helpers/requests';

/**
 * Health-condition topics are followed in the session but never stored, so no later session names
 * them to whoever opens the skill; old items that hold them are cleaned; the stored history keeps each topic once.
 */
const KEY = userKey(TEST_USER_ID);
const NOW = Date.now() - 60_000;

function setup(store = new MemoryHistoryStore()) {
  const skill = buildSkill({ store, log: new RecordingLog() });
  return { store, talk: () => new Conversation((envelope) => skill.invoke(envelope)) };
}

const askAbout = (c: Conversation, cause: CauseId) => c.say(C.causeDetail, { cause: { value: topic(cause).title, id: cause } });
const rawItem = (store: MemoryHistoryStore) => JSON.stringify(store.table.get(KEY) ?? {});
const storedTopics = (store: MemoryHistoryStore) => store.snapshot(KEY)?.item.h.r?.map(([id]) => id) ?? [];

describe('which topics are health conditions', () => {
  it('are pregnancy, medications, medical conditions and poor blood flow (a disease), and only those', () => {
    expect(TOPIC_IDS.filter(isHealthConditionTopic).sort()).toEqual(['BLOOD_FLOW', 'MEDICAL_CONDITIONS', 'MEDICATIONS', 'PREGNANCY']);
  });
});

describe.each(HEALTH_CONDITION_TOPIC_IDS)('%s', (id) => {
  it('is followed in the session ("tell me more") but never written to the table', async () => {
    const { store, talk } = setup();
    const c = talk();
    await c.launch();
    await askAbout(c, 'FOOTWEAR');
    await askAbout(c, id);
    expect(spoken(await c.say(C.tellMeMore))).toContain(topic(id).deeper[0].text);
    expect(spoken(await c.say(C.recentTopics))).toContain(topic(id).title);
    expect(rawItem(store)).not.toContain(id);
    expect(storedTopics(store)).toEqual(['FOOTWEAR']);
    // Where "tell me more" would continue is the health topic itself: not stored either.
    expect(store.snapshot(KEY)?.item.h.l).toBeUndefined();
  });

  it('is never spoken unprompted in a later session', async () => {
    const { talk } = setup();
    const night1 = talk();
    await night1.launch();
    await askAbout(night1, 'AGE');
    await askAbout(night1, id);
    await night1.say(C.tellMeMore);
    await night1.say(B.stop);

    const night2 = talk();
    const hello = spoken(await night2.launch());
    expect(hello).not.toContain(topic(id).title);
    // "Continue where we left off" cannot reach it either.
    expect(spoken(await night2.say(B.resume))).not.toContain(topic(id).title);
    const recent = spoken(await night2.say(C.recentTopics));
    expect(recent).toContain(topic('AGE').title);
    expect(recent).not.toContain(topic(id).title);
  });
});

describe('an item written before this rule', () => {
  const oldItem = (h: object) => ({ pk: KEY, v: 7, h, expiresAt: expiresAtFor(NOW) });

  it('is read without its health topics, and cleaned on its next write', async () => {
    const store = new MemoryHistoryStore();
    store.table.set(
      KEY,
      oldItem({ r: [['PREGNANCY', NOW - 5000], ['AGE', NOW - 4000], ['MEDICATIONS', NOW - 3000], ['PREGNANCY', NOW - 2000]], l: 'PREGNANCY', d: 1, c: true }),
    );
    const { talk } = setup(store);
    const c = talk();
    const hello = spoken(await c.launch());
    expect(hello).not.toMatch(/pregnan|medication/i);
    expect(hello).toBe(`${prompts.WELCOME_BACK} ${prompts.RELIEF_OFFER_QUESTION}`);
    expect(spoken(await c.say(B.resume))).toContain(prompts.NOTHING_TO_RESUME);
    await askAbout(c, 'FOOTWEAR');
    expect(rawItem(store)).not.toMatch(/PREGNANCY|MEDICATIONS/);
    expect(storedTopics(store)).toEqual(['AGE', 'FOOTWEAR']);
  });

  it('holding one topic many times is read, spoken and written with it once (the newest time)', async () => {
    const store = new MemoryHistoryStore();
    const many = Array.from({ length: 12 }, (_, i) => [i % 3 === 2 ? 'FOOTWEAR' : 'AGE', NOW - 10_000 + i]);
    store.table.set(KEY, oldItem({ r: many, l: 'AGE', c: true }));
    const { talk } = setup(store);
    const c = talk();
    await c.launch();
    const recent = spoken(await c.say(C.recentTopics));
    expect(recent.match(new RegExp(`\\b${topic('AGE').title}\\b`, 'g'))).toHaveLength(1);
    await askAbout(c, 'EXERCISE');
    expect(store.snapshot(KEY)?.item.h.r).toEqual([
      ['AGE', NOW - 10_000 + 10],
      ['FOOTWEAR', NOW - 10_000 + 11],
      ['EXERCISE', expect.any(Number)],
    ]);
  });
});

describe('storableHistory and withSessionOnlyTopics', () => {
  const history = (recent: [TopicId, number][], rest: Partial<UserHistory> = {}): UserHistory => ({
    ...EMPTY_HISTORY,
    recent: recent.map(([t, at]) => ({ topic: t, at })),
    ...rest,
  });

  it('stores nothing about a health topic under way, and keeps everything else', () => {
    const session = history([['AGE', 1], ['PREGNANCY', 2]], { lastTopic: 'PREGNANCY', depth: 2, disclaimerHeard: true });
    expect(storableHistory(session)).toEqual(history([['AGE', 1]], { depth: 0, disclaimerHeard: true }));
    expect(encodeHistory(session)).toEqual({ r: [['AGE', 1]], c: true });
    const plain = history([['AGE', 1]], { lastTopic: 'AGE', depth: 1 });
    expect(storableHistory(plain)).toBe(plain);
  });

  it("keeps the session's health topics on top of a stored history another device changed", () => {
    const session = history([['AGE', 1], ['PREGNANCY', 3]], { lastTopic: 'PREGNANCY', depth: 1 });
    const stored = history([['AGE', 1], ['FOOTWEAR', 2]], { lastTopic: 'FOOTWEAR', depth: 0 });
    expect(withSessionOnlyTopics(stored, session)).toEqual(
      history([['AGE', 1], ['FOOTWEAR', 2], ['PREGNANCY', 3]], { lastTopic: 'PREGNANCY', depth: 1 }),
    );
    // Without a table the store hands the session's own history back: nothing doubles.
    expect(withSessionOnlyTopics(session, session)).toEqual(session);
    // Nothing private heard: the stored history as it is.
    expect(withSessionOnlyTopics(stored, history([['AGE', 1]]))).toBe(stored);
  });

  it('sanitizeHistory keeps each topic once, newest wins, at most MAX_RECENT_TOPICS', () => {
    const many = TOPIC_IDS.flatMap((t, i) => [{ topic: t, at: i }, { topic: t, at: 100 + i }]);
    const { recent } = sanitizeHistory({ recent: many });
    expect(recent).toHaveLength(MAX_RECENT_TOPICS);
    expect(new Set(recent.map((e) => e.topic)).size).toBe(MAX_RECENT_TOPICS);
    expect(recent.every((e) => e.at >= 100)).toBe(true);
  });
});
