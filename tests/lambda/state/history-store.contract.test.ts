import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TOPIC_IDS } from '../../../lambda/content/types';
import { isHealthConditionTopic } from '../../../lambda/state/privacy';
import { atRoutineStep, goDeeper, markDisclaimerHeard, setSofter, visitTopic } from '../../../lambda/state/changes';
import { createDocumentClient } from '../../../lambda/state/dynamo-client';
import { DynamoHistoryStore } from '../../../lambda/state/dynamo-history-store';
import {
  EMPTY_HISTORY,
  forgottenSince,
  GENERATION_SPAN,
  generationOf,
  HistoryConflictError,
  HistoryForgottenError,
  HistoryStoreError,
  MAX_RECENT_TOPICS,
  MAX_SAVE_ATTEMPTS,
  userKey,
  type HistoryChange,
  type HistoryStore,
  type VersionedHistory,
} from '../../../lambda/state/history';
import { HISTORY_RETENTION_DAYS, HISTORY_TTL_ATTRIBUTE } from '../../../lambda/state/history-table';
import { MemoryHistoryStore, type MemoryHistoryTable } from '../../../lambda/state/memory-history-store';
import { dynamoItemSize, startDynalite, type LocalDynamo } from '../../helpers/dynalite';

/** Topics a store keeps (health-condition topics are never stored: tests/robustness/privacy.test.ts). */
const STORED_TOPIC_IDS = TOPIC_IDS.filter((id) => !isHealthConditionTopic(id));

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_S = HISTORY_RETENTION_DAYS * 24 * 60 * 60;

/** One dynalite for the whole file: every harness and test gets its own table. */
let local: LocalDynamo;
beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  await local?.stop();
});

/** What the shared suite needs from a store implementation. */
interface Harness {
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /**
   * A fresh store instance (and, for DynamoDB, a fresh client): a "new process" over the same data. New items
   * start at version 1 unless `randomVersions` (the stores' default: each item a random generation).
   */
  newStore(now?: () => number, randomVersions?: boolean): HistoryStore;
  /** The stored item exactly as kept, or undefined. */
  rawItem(key: string): Promise<Record<string, unknown> | undefined>;
}

function memoryHarness(): Harness {
  const table: MemoryHistoryTable = new Map();
  return {
    setup: async () => undefined,
    teardown: async () => undefined,
    newStore: (now, randomVersions) => new MemoryHistoryStore({ table, now, ...(randomVersions ? {} : { firstVersion: () => 1 }) }),
    rawItem: async (key) => {
      const item = table.get(key);
      return item ? (structuredClone(item) as unknown as Record<string, unknown>) : undefined;
    },
  };
}

function dynaliteHarness(): Harness {
  let tableName = '';
  const clients: DynamoDBDocumentClient[] = [];
  return {
    async setup() {
      tableName = await local.createTable();
    },
    async teardown() {
      clients.forEach((client) => client.destroy());
    },
    newStore(now, randomVersions) {
      const client = createDocumentClient({ endpoint: local.endpoint });
      clients.push(client);
      return new DynamoHistoryStore({ client, tableName, now, ...(randomVersions ? {} : { firstVersion: () => 1 }) });
    },
    async rawItem(key) {
      const { Item } = await local.client.send(new GetCommand({ TableName: tableName, Key: { pk: key }, ConsistentRead: true }));
      return Item;
    },
  };
}

let keyCounter = 0;
const freshKey = () => userKey(`amzn1.ask.account.CONTRACT-${process.pid}-${++keyCounter}`);

describe.each([
  ['MemoryHistoryStore', memoryHarness],
  ['DynamoHistoryStore on dynalite', dynaliteHarness],
])('HistoryStore contract: %s', (_name, makeHarness) => {
  const harness = makeHarness();
  beforeAll(() => harness.setup());
  afterAll(() => harness.teardown());

  it('starts empty at version 0', async () => {
    await expect(harness.newStore().load(freshKey())).resolves.toEqual({ history: EMPTY_HISTORY, version: 0 });
  });

  it('keeps history across store instances (a new process) and versions every write', async () => {
    const key = freshKey();
    // Times must be recent: the reading store uses the real clock, and items > 90 days old read as empty.
    const start = Math.floor(Date.now() / 1000) * 1000 - DAY_MS;
    let t = start;
    const first = harness.newStore(() => (t += 1000));
    let known = await first.load(key);
    for (const change of [markDisclaimerHeard, visitTopic('CAUSES'), visitTopic('DEHYDRATION'), goDeeper('DEHYDRATION', 1), setSofter(true)]) {
      known = await first.save(key, change, known);
    }
    expect(known.version).toBe(5);

    const second = harness.newStore();
    await expect(second.load(key)).resolves.toEqual(known);
    expect(known.history).toEqual({
      recent: [
        { topic: 'CAUSES', at: start + 3000 }, // the clock ticks on load too
        { topic: 'DEHYDRATION', at: start + 4000 },
      ],
      lastTopic: 'DEHYDRATION',
      depth: 1,
      prefs: { softer: true },
      disclaimerHeard: true,
    });
  });

  it('does not write when a turn changes nothing (not even to refresh expiresAt)', async () => {
    const key = freshKey();
    const store = harness.newStore();
    const known = await store.save(key, visitTopic('AGE'), await store.load(key));
    const before = await harness.rawItem(key);
    const later = harness.newStore(() => Date.now() + 30 * DAY_MS);
    await expect(later.save(key, goDeeper('AGE', 0), known)).resolves.toEqual(known);
    await expect(harness.rawItem(key)).resolves.toEqual(before);
  });

  it('bounds recent topics to MAX_RECENT_TOPICS and keeps the item < 4 KB after 1,000 turns', async () => {
    const key = freshKey();
    let t = Date.now() - 1000 * 45_000; // ~12 days of turns, ending now
    const store = harness.newStore(() => t);
    let known = await store.load(key);
    for (let turn = 0; turn < 1000; turn++) {
      t += 45_000;
      const topic = STORED_TOPIC_IDS[(turn * 7) % STORED_TOPIC_IDS.length];
      const change: HistoryChange =
        turn % 5 === 4 ? atRoutineStep(turn % 6) : turn % 5 === 3 ? goDeeper(topic, (turn % 4) + 1) : turn % 50 === 0 ? setSofter(turn % 100 === 0) : visitTopic(topic);
      known = await store.save(key, turn === 1 ? markDisclaimerHeard : change, known);
    }
    const loaded = await harness.newStore().load(key);
    expect(loaded).toEqual(known);
    expect(loaded.version).toBeGreaterThan(500);
    expect(loaded.history.recent).toHaveLength(MAX_RECENT_TOPICS);
    expect(new Set(loaded.history.recent.map((r) => r.topic)).size).toBe(MAX_RECENT_TOPICS);
    const ats = loaded.history.recent.map((r) => r.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));

    const item = (await harness.rawItem(key))!;
    expect(dynamoItemSize(item)).toBeLessThan(1024); // the hard bound is 4 KB; it is actually under 1 KB
    expect(JSON.stringify(item).length).toBeLessThan(4096);
  });

  it.each([0, 2])('two concurrent writers from the same known version (%i) both land', async (startVersion) => {
    const key = freshKey();
    const store = harness.newStore();
    let known = await store.load(key);
    while (known.version < startVersion) known = await store.save(key, visitTopic(STORED_TOPIC_IDS[known.version]), known);

    const deviceA = harness.newStore();
    const deviceB = harness.newStore();
    const [a, b] = await Promise.all([
      deviceA.save(key, visitTopic('FOOTWEAR'), known),
      deviceB.save(key, visitTopic('SLEEP_POSITION'), known),
    ]);
    expect([a.version, b.version].sort()).toEqual([startVersion + 1, startVersion + 2]);

    const loaded = await harness.newStore().load(key);
    expect(loaded.version).toBe(startVersion + 2);
    expect(loaded.history.recent.map((r) => r.topic)).toEqual(expect.arrayContaining(['FOOTWEAR', 'SLEEP_POSITION']));
    expect(loaded.history.recent).toHaveLength(startVersion + 2);
  });

  it('20 concurrent writers from the same known version all land: nothing lost, one version each', async () => {
    const key = freshKey();
    const seeder = harness.newStore();
    let known = await seeder.load(key);
    known = await seeder.save(key, markDisclaimerHeard, known);
    known = await seeder.save(key, setSofter(true), known);
    expect(known.version).toBe(2);

    // 10 distinct topics (the MAX_RECENT_TOPICS bound), each asked by two writers. Every writer has its own
    // clock, so no change is a no-op whatever it is re-applied to: each must land as its own version.
    const topics = STORED_TOPIC_IDS.slice(0, MAX_RECENT_TOPICS);
    const base = Date.now() - 60_000;
    const writers = Array.from({ length: 20 }, (_, i) => ({ topic: topics[i % topics.length], at: base + i }));
    const results = await Promise.all(writers.map(({ topic, at }) => harness.newStore(() => at).save(key, visitTopic(topic), known)));

    expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => known.version + 1 + i));
    const loaded = await harness.newStore().load(key);
    expect(loaded.version).toBe(known.version + 20);
    // The last writer to land returned exactly what is stored.
    expect(results.find((r) => r.version === loaded.version)).toEqual(loaded);
    expect(new Set(loaded.history.recent.map((r) => r.topic))).toEqual(new Set(topics));
    expect(loaded.history.recent).toHaveLength(MAX_RECENT_TOPICS);
    // Each topic's entry is the visit of one of its two writers (the one that landed later: see the replay).
    for (const entry of loaded.history.recent) {
      expect(writers.filter((w) => w.topic === entry.topic).map((w) => w.at)).toContain(entry.at);
    }
    expect(loaded.history.lastTopic).toBe(loaded.history.recent.at(-1)!.topic);
    expect(loaded.history.disclaimerHeard).toBe(true);
    expect(loaded.history.prefs.softer).toBe(true);
    // Each write saw the one before it: replaying the writers in landing (version) order gives the item.
    const byVersion = new Map(results.map((r, i) => [r.version, writers[i]]));
    const replayed = Array.from({ length: 20 }, (_, i) => byVersion.get(known.version + 1 + i)!).reduce(
      (history, { topic, at }) => visitTopic(topic)(history, at),
      known.history,
    );
    expect(loaded.history).toEqual(replayed);
  });

  it('forget removes the item', async () => {
    const key = freshKey();
    const store = harness.newStore();
    await store.save(key, visitTopic('MINERAL_DEFICIENCY'), await store.load(key));
    expect(await harness.rawItem(key)).toBeDefined();

    await harness.newStore().forget(key);
    await expect(harness.rawItem(key)).resolves.toBeUndefined();
    await expect(store.load(key)).resolves.toEqual({ history: EMPTY_HISTORY, version: 0 });
    await expect(store.forget(key)).resolves.toBeUndefined(); // forgetting twice is fine
  });

  describe('a forget wins over sessions that read before it', () => {
    /** Device A's session has stored history; device B then says "forget my history". */
    async function forgottenUnderA(): Promise<{ key: string; deviceA: HistoryStore; deviceB: HistoryStore; known: VersionedHistory }> {
      const key = freshKey();
      const deviceA = harness.newStore(undefined, true);
      let known = await deviceA.save(key, visitTopic('AGE'), await deviceA.load(key));
      known = await deviceA.save(key, visitTopic('EXERCISE'), known);
      const deviceB = harness.newStore(undefined, true);
      await deviceB.forget(key);
      return { key, deviceA, deviceB, known };
    }

    it('a session holding a stored version that finds the item gone writes nothing: HistoryForgottenError, no item', async () => {
      const { key, deviceA, known } = await forgottenUnderA();
      await expect(deviceA.save(key, goDeeper('EXERCISE', 1), known)).rejects.toBeInstanceOf(HistoryForgottenError);
      await expect(harness.rawItem(key)).resolves.toBeUndefined();
    });

    it('nor when the other device has started a new item since (another generation): that item is left as it is', async () => {
      const { key, deviceA, deviceB, known } = await forgottenUnderA();
      let fresh = await deviceB.save(key, visitTopic('FOOTWEAR'), await deviceB.load(key));
      fresh = await deviceB.save(key, visitTopic('SLEEP_POSITION'), fresh);
      expect(generationOf(fresh.version)).not.toBe(generationOf(known.version));
      const before = await harness.rawItem(key);
      await expect(deviceA.save(key, visitTopic('PREVENTION'), known)).rejects.toBeInstanceOf(HistoryForgottenError);
      await expect(harness.rawItem(key)).resolves.toEqual(before);
      expect(forgottenSince(known, await deviceA.load(key))).toBe(true);
    });

    it('a session that never stored anything (version 0) still stores its turn after a forget elsewhere', async () => {
      const key = freshKey();
      const deviceA = harness.newStore(undefined, true);
      const nothing = await deviceA.load(key);
      const deviceB = harness.newStore(undefined, true);
      await deviceB.save(key, visitTopic('AGE'), await deviceB.load(key));
      await deviceB.forget(key);
      const saved = await deviceA.save(key, visitTopic('FOOTWEAR'), nothing);
      expect(saved.history.recent.map((entry) => entry.topic)).toEqual(['FOOTWEAR']);
      await expect(harness.newStore().load(key)).resolves.toEqual(saved);
    });

    it('writes of the same item by other devices are not taken for a forget: one generation, the change re-applied', async () => {
      const key = freshKey();
      const deviceA = harness.newStore(undefined, true);
      const known = await deviceA.save(key, visitTopic('AGE'), await deviceA.load(key));
      expect(known.version % GENERATION_SPAN).toBe(0); // a new item starts its generation
      const deviceB = harness.newStore(undefined, true);
      await deviceB.save(key, visitTopic('FOOTWEAR'), await deviceB.load(key));
      const saved = await deviceA.save(key, visitTopic('PREVENTION'), known);
      expect(saved.version).toBe(known.version + 2);
      expect(generationOf(saved.version)).toBe(generationOf(known.version));
      expect(forgottenSince(known, saved)).toBe(false);
      expect(saved.history.recent.map((entry) => entry.topic)).toEqual(['AGE', 'FOOTWEAR', 'PREVENTION']);
    });
  });

  it('sets expiresAt ~90 days ahead; an item older than that loads as empty but keeps its version', async () => {
    const key = freshKey();
    const before = Math.floor(Date.now() / 1000);
    const store = harness.newStore();
    await store.save(key, visitTopic('CAUSES'), await store.load(key));
    const expiresAt = (await harness.rawItem(key))![HISTORY_TTL_ATTRIBUTE] as number;
    expect(expiresAt).toBeGreaterThanOrEqual(before + RETENTION_S);
    expect(expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + RETENTION_S);

    const oldKey = freshKey();
    const past = harness.newStore(() => Date.now() - 91 * DAY_MS);
    let known = await past.load(oldKey);
    known = await past.save(oldKey, visitTopic('AGE'), known);
    known = await past.save(oldKey, markDisclaimerHeard, known);
    expect(known.version).toBe(2);

    const now = harness.newStore();
    const loaded = await now.load(oldKey);
    expect(loaded).toEqual({ history: EMPTY_HISTORY, version: 2 });
    // The kept version lets the next write replace the expired item.
    const saved = await now.save(oldKey, visitTopic('PREVENTION'), loaded);
    expect(saved.version).toBe(3);
    await expect(harness.newStore().load(oldKey)).resolves.toEqual(saved);
    expect(saved.history.recent.map((r) => r.topic)).toEqual(['PREVENTION']);
    expect(saved.history.disclaimerHeard).toBe(false);
  });
});

describe('MemoryHistoryStore test affordances', () => {
  it('counts operations, shows what is stored and can be made to conflict or fail', async () => {
    const key = freshKey();
    const table: MemoryHistoryTable = new Map();
    const other = new MemoryHistoryStore({ table, firstVersion: () => 1 });
    /** beforePut writes through `other` before the puts of attempts 1..interfereUpTo. */
    let interfereUpTo = MAX_SAVE_ATTEMPTS;
    const backoff = jest.fn((_retry: number) => 0);
    const store = new MemoryHistoryStore({
      table,
      now: () => 1_000_000,
      backoff,
      beforePut: async (_key, attempt) => {
        if (attempt > interfereUpTo) return;
        await other.save(key, setSofter(!(await other.load(key)).history.prefs.softer), await other.load(key));
      },
    });

    // Another write before each of the MAX_SAVE_ATTEMPTS puts: every one of them loses its race.
    const error = await store.save(key, visitTopic('AGE'), await store.load(key)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HistoryConflictError);
    // 1 load + MAX_SAVE_ATTEMPTS - 1 re-reads; MAX_SAVE_ATTEMPTS refused puts.
    expect(store.ops).toEqual({ gets: MAX_SAVE_ATTEMPTS, puts: MAX_SAVE_ATTEMPTS, conflicts: MAX_SAVE_ATTEMPTS, deletes: 0 });
    expect(store.snapshot(key)!.version).toBe(MAX_SAVE_ATTEMPTS);
    expect(store.snapshot(key)!.history.recent).toEqual([]);
    expect(backoff.mock.calls).toEqual(Array.from({ length: MAX_SAVE_ATTEMPTS - 1 }, (_, i) => [i + 1]));

    // One race fewer: the last attempt lands, on top of everything the other writer stored.
    interfereUpTo = MAX_SAVE_ATTEMPTS - 1;
    Object.assign(store.ops, { gets: 0, puts: 0, conflicts: 0 });
    const softer = store.snapshot(key)!.history.prefs.softer;
    const landed = await store.save(key, visitTopic('FOOTWEAR'), await store.load(key));
    expect(store.ops).toEqual({ gets: MAX_SAVE_ATTEMPTS, puts: MAX_SAVE_ATTEMPTS, conflicts: MAX_SAVE_ATTEMPTS - 1, deletes: 0 });
    // MAX_SAVE_ATTEMPTS writes of the other store, then MAX_SAVE_ATTEMPTS - 1 more and this one.
    expect(landed.version).toBe(2 * MAX_SAVE_ATTEMPTS);
    expect(store.snapshot(key)).toMatchObject({ history: landed.history, version: landed.version });
    expect(landed.history.recent.map((r) => r.topic)).toEqual(['FOOTWEAR']);
    expect(landed.history.prefs.softer).toBe((MAX_SAVE_ATTEMPTS - 1) % 2 === 1 ? !softer : softer); // the other's toggles kept

    interfereUpTo = 0;
    const known = await store.save(key, visitTopic('AGE'), await store.load(key));
    expect(store.snapshot(key)).toMatchObject({ history: known.history, version: known.version, expiresAt: 1000 + RETENTION_S });
    expect(store.snapshot(key)!.item.h).toEqual({ r: [['FOOTWEAR', 1_000_000], ['AGE', 1_000_000]], l: 'AGE', ...(known.history.prefs.softer ? { o: true } : {}) });

    store.failNext('load');
    await expect(store.load(key)).rejects.toMatchObject({ operation: 'load', cause: { name: 'TimeoutError' } });
    await expect(store.load(key)).resolves.toEqual(known);
    store.failNext('save', new Error('boom'));
    const failed = await store.save(key, visitTopic('CAUSES'), known).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(HistoryStoreError);
    expect(store.snapshot(key)!.version).toBe(known.version);
  });
});

describe('DynamoHistoryStore across processes', () => {
  it('a child process writes through the store to dynalite and this process reads it back', async () => {
    const tableName = await local.createTable();
    const key = freshKey();
    const client = createDocumentClient({ endpoint: local.endpoint });
    try {
      const parent = new DynamoHistoryStore({ client, tableName });
      const mine: VersionedHistory = await parent.save(key, visitTopic('AGE'), await parent.load(key));

      const script = `
        const { createDocumentClient } = require('./lambda/state/dynamo-client');
        const { DynamoHistoryStore } = require('./lambda/state/dynamo-history-store');
        const { visitTopic } = require('./lambda/state/changes');
        (async () => {
          const client = createDocumentClient({ endpoint: process.env.DDB_ENDPOINT });
          const store = new DynamoHistoryStore({ client, tableName: process.env.DDB_TABLE });
          const seen = await store.load(process.env.HISTORY_KEY);
          const saved = await store.save(process.env.HISTORY_KEY, visitTopic('EXERCISE', 1), seen);
          client.destroy();
          process.stdout.write(JSON.stringify({ seen, saved }));
        })().catch((error) => { console.error(error); process.exit(1); });`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
        cwd: path.resolve(__dirname, '..', '..', '..'),
        env: { ...process.env, NODE_NO_WARNINGS: '1', DDB_ENDPOINT: local.endpoint, DDB_TABLE: tableName, HISTORY_KEY: key },
        timeout: 15_000,
      });
      const child = JSON.parse(stdout) as { seen: VersionedHistory; saved: VersionedHistory };

      expect(child.seen).toEqual(mine);
      const loaded = await parent.load(key);
      expect(loaded).toEqual(child.saved);
      expect(loaded.version).toBe(mine.version + 1);
      expect(loaded.history).toMatchObject({ lastTopic: 'EXERCISE', depth: 1 });
      expect(loaded.history.recent.map((r) => r.topic)).toEqual(['AGE', 'EXERCISE']);
    } finally {
      client.destroy();
    }
  });
});
