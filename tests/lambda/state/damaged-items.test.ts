import { PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TopicId } from '../../../lambda/content/types';
import { visitTopic } from '../../../lambda/state/changes';
import { createDocumentClient, readDynamoNumber } from '../../../lambda/state/dynamo-client';
import { DynamoHistoryStore } from '../../../lambda/state/dynamo-history-store';
import { userKey, type HistoryStore } from '../../../lambda/state/history';
import { decodeHistory, encodeHistory, isValidVersion, type HistoryItem, type StoredRead } from '../../../lambda/state/history-item';
import { MemoryHistoryStore, type MemoryHistoryTable } from '../../../lambda/state/memory-history-store';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { RecordingLog } from '../../helpers/recording-log';

/**
 * Damaged stored items: an invalid or missing version, a huge decimal anywhere, an item holding
 * only its key. Each is read with every valid entry kept, repaired by ONE conditional write (conditioned on
 * the raw value read, so a concurrent writer still wins), logged once as `history_item_damaged` without any
 * id, and written normally from then on. Through the real DynamoDB store on dynalite and its in-memory twin.
 */
const NOW = Date.now();
const NOW_S = Math.floor(NOW / 1000);
const HUGE = '12345678901234567890.5';
const n = (value: number | string): AttributeValue => ({ N: String(value) });
const s = (value: string): AttributeValue => ({ S: value });

/** A sound `h`: two recent topics, AGE last, the disclaimer heard. */
const H: AttributeValue = {
  M: { r: { L: [{ L: [s('PREVENTION'), n(NOW - 2000)] }, { L: [s('AGE'), n(NOW - 1000)] }] }, l: s('AGE'), c: { BOOL: true } },
};
const KEPT: TopicId[] = ['PREVENTION', 'AGE'];

type Case = [name: string, attributes: Record<string, AttributeValue>, kept: TopicId[], problems: string[]];
const CASES: Case[] = [
  ['v a string', { v: s('7'), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v missing', { h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v 0', { v: n(0), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v negative', { v: n(-3), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v 1.5', { v: n(1.5), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v a boolean', { v: { BOOL: true }, h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v 1e20', { v: n('100000000000000000000'), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v 2^53-1', { v: n(Number.MAX_SAFE_INTEGER), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['v a huge decimal', { v: n(HUGE), h: H, expiresAt: n(NOW_S + 60) }, KEPT, ['version']],
  ['only pk', {}, [], ['version', 'expiresAt']],
  [
    'a huge decimal in an `at`',
    { v: n(4), h: { M: { r: { L: [{ L: [s('PREVENTION'), n(HUGE)] }, { L: [s('AGE'), n(NOW - 1000)] }] }, l: s('AGE'), c: { BOOL: true } } }, expiresAt: n(NOW_S + 60) },
    ['AGE'],
    ['numbers'],
  ],
  ['a huge decimal in expiresAt', { v: n(4), h: H, expiresAt: n(HUGE) }, KEPT, ['expiresAt']],
];

interface Harness {
  /** Writes an item exactly as given (DynamoDB attribute values). */
  putRaw(key: string, attributes: Record<string, AttributeValue>): Promise<void>;
  rawItem(key: string): Promise<Record<string, unknown> | undefined>;
  /** A store that counts its conditional writes (landed or not). */
  newStore(log?: RecordingLog): { store: HistoryStore; puts(): number };
}

let local: LocalDynamo;
const clients: DynamoDBDocumentClient[] = [];
beforeAll(async () => {
  local = await startDynalite();
});
afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await local?.stop();
});

function memoryHarness(): Harness {
  const table: MemoryHistoryTable = new Map();
  return {
    // What the document client would hand the store for these attributes.
    putRaw: async (key, attributes) => void table.set(key, unmarshall({ pk: s(key), ...attributes }, { wrapNumbers: readDynamoNumber }) as HistoryItem),
    rawItem: async (key) => table.get(key) as unknown as Record<string, unknown> | undefined,
    newStore(log) {
      const store = new MemoryHistoryStore({ table, backoff: () => 0, ...(log ? { log } : {}) });
      return { store, puts: () => store.ops.puts };
    },
  };
}

function dynaliteHarness(): Harness {
  let tableName: string | undefined;
  const table = async () => (tableName ??= await local.createTable());
  return {
    async putRaw(key, attributes) {
      await local.rawClient.send(new PutItemCommand({ TableName: await table(), Item: { pk: s(key), ...attributes } }));
    },
    async rawItem(key) {
      return (await local.client.send(new GetCommand({ TableName: await table(), Key: { pk: key }, ConsistentRead: true }))).Item;
    },
    newStore(log) {
      const client = createDocumentClient({ endpoint: local.endpoint });
      clients.push(client);
      let puts = 0;
      client.middlewareStack.add(
        (next, context) => (args) => {
          if (/^Put/.test(String(context.commandName))) puts++;
          return next(args);
        },
        { step: 'initialize', name: 'countPuts' },
      );
      const store = new DynamoHistoryStore({ client, tableName: tableName!, backoff: () => 0, ...(log ? { log } : {}) });
      return { store, puts: () => puts };
    },
  };
}

let keys = 0;
const freshKey = () => userKey(`amzn1.ask.account.DAMAGED-${process.pid}-${++keys}`);

function expectSoundItem(item: Record<string, unknown> | undefined): asserts item is Record<string, unknown> {
  expect(item).toBeDefined();
  expect(Object.keys(item!).sort()).toEqual(['expiresAt', 'h', 'pk', 'v']);
  expect(isValidVersion(item!.v)).toBe(true);
  expect(Number.isSafeInteger(item!.expiresAt) && (item!.expiresAt as number) > NOW_S).toBe(true);
  expect(encodeHistory(decodeHistory(item!.h))).toEqual(item!.h);
}

describe.each([
  ['MemoryHistoryStore', memoryHarness],
  ['DynamoHistoryStore on dynalite', dynaliteHarness],
])('%s: a damaged item', (_name, makeHarness) => {
  const harness = makeHarness();
  beforeAll(() => harness.putRaw(freshKey(), {})); // creates the table

  it.each(CASES)('with %s is read with its valid entries, repaired by one write, logged once', async (_case, attributes, kept, problems) => {
    const key = freshKey();
    await harness.putRaw(key, attributes);
    const log = new RecordingLog();
    const { store, puts } = harness.newStore(log);

    const loaded = await store.load(key);
    expect(loaded.history.recent.map((entry) => entry.topic)).toEqual(kept);
    expect(loaded.history.disclaimerHeard).toBe(kept.length > 0);
    expect(isValidVersion(loaded.version)).toBe(true);
    expect(puts()).toBe(1);
    const repaired = await harness.rawItem(key);
    expectSoundItem(repaired);
    expect(repaired.v).toBe(loaded.version);
    expect(decodeHistory(repaired.h)).toEqual(loaded.history);

    expect(log.lines).toEqual([{ level: 'warn', message: 'history_item_damaged', fields: { problems } }]);
    expect(JSON.stringify(log.lines)).not.toContain(key);

    // From now on it is an ordinary item: the next change is one write at the next version, nothing logged.
    const saved = await store.save(key, visitTopic('FOOTWEAR'), loaded);
    expect(saved.version).toBe(loaded.version + 1);
    expect(puts()).toBe(2);
    expect(log.lines).toHaveLength(1);
    const item = await harness.rawItem(key);
    expectSoundItem(item);
    expect(decodeHistory(item.h).recent.map((entry) => entry.topic)).toEqual([...kept, 'FOOTWEAR']);
  });

  it.each([
    ['a string', s('seven'), 'seven'],
    ['missing', undefined, undefined],
    ['a huge decimal', n(HUGE), readDynamoNumber(HUGE)],
  ])('with v %s: the repair is conditioned on the raw value read, so a concurrent writer wins (a lost race, not damage)', async (_case, v, raw) => {
    const key = freshKey();
    await harness.putRaw(key, { ...(v ? { v } : {}), h: H, expiresAt: n(NOW_S + 60) });
    // This session read the damaged item...
    const damagedRead: StoredRead = { ...(await harness.newStore().store.load(key)), version: 0, damage: { problems: ['version'], rawVersion: { value: raw } } };
    // ...but the item was put back as it was (damaged) and another device repaired it and wrote in between.
    await harness.putRaw(key, { ...(v ? { v } : {}), h: H, expiresAt: n(NOW_S + 60) });
    const other = harness.newStore();
    await other.store.save(key, visitTopic('SLEEP_POSITION'), await other.store.load(key));

    const log = new RecordingLog();
    const { store, puts } = harness.newStore(log);
    const saved = await store.save(key, visitTopic('FOOTWEAR'), damagedRead);
    expect(puts()).toBe(2); // the repair lost its race, then the re-applied change landed
    expect(log.lines).toEqual([]);
    const item = await harness.rawItem(key);
    expectSoundItem(item);
    expect(item.v).toBe(saved.version);
    expect(decodeHistory(item.h).recent.map((entry) => entry.topic)).toEqual([...KEPT, 'SLEEP_POSITION', 'FOOTWEAR']);
  });
});
