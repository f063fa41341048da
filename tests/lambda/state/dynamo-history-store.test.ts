import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ThrottlingException,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest'; // matcher types (jest.config registers the matchers too)
import { atRoutineStep, goDeeper, markDisclaimerHeard, setSofter, visitTopic } from '../../../lambda/state/changes';
import { createDocumentClient, PLACEHOLDER_CREDENTIALS } from '../../../lambda/state/dynamo-client';
import { DynamoHistoryStore } from '../../../lambda/state/dynamo-history-store';
import {
  CONFLICT_BACKOFF_CAP_MS,
  EMPTY_HISTORY,
  HistoryConflictError,
  HistoryStoreError,
  MAX_RECENT_TOPICS,
  MAX_SAVE_ATTEMPTS,
  combineChanges,
  conflictBackoffMs,
  userKey,
  type UserHistory,
} from '../../../lambda/state/history';
import { HISTORY_RETENTION_DAYS } from '../../../lambda/state/history-table';
import { TOPIC_IDS } from '../../../lambda/content/types';
import { isHealthConditionTopic } from '../../../lambda/state/privacy';
import { STORE_DEADLINE_MS } from '../../../lambda/state/deadline-store';
import { dynamoItemSize } from '../../helpers/dynalite';

const ddb = mockClient(DynamoDBDocumentClient);

const TABLE = 'history-test';
const KEY = userKey('amzn1.ask.account.TESTUSER');
const NOW = Date.UTC(2025, 0, 15, 22, 30, 0, 123);
const NOW_S = Math.floor(NOW / 1000);
const RETENTION_S = HISTORY_RETENTION_DAYS * 24 * 60 * 60;
const DAY_MS = 24 * 60 * 60 * 1000;

function conditionalFailed(): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
}

/** With the mock, retries need no waiting: the back-off is `() => 0` unless a test passes one. */
function newStore(now: () => number = () => NOW, backoff: ((retry: number) => number) | null = () => 0): DynamoHistoryStore {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
  );
  return new DynamoHistoryStore({ client, tableName: TABLE, now, firstVersion: () => 1, ...(backoff ? { backoff } : {}) });
}

async function rejection(promise: Promise<unknown>): Promise<HistoryStoreError> {
  try {
    await promise;
  } catch (error) {
    return error as HistoryStoreError;
  }
  throw new Error('expected a rejection');
}

const SOME_HISTORY: UserHistory = {
  recent: [{ topic: 'DEHYDRATION', at: NOW - 60_000 }],
  lastTopic: 'DEHYDRATION',
  depth: 1,
  prefs: { softer: true },
  disclaimerHeard: true,
};

describe('DynamoHistoryStore', () => {
  beforeEach(() => {
    ddb.reset();
  });

  describe('load', () => {
    it('reads one item with a consistent GetItem and decodes it', async () => {
      ddb.on(GetCommand).resolves({
        Item: {
          pk: KEY,
          v: 4,
          h: { r: [['DEHYDRATION', NOW - 60_000]], l: 'DEHYDRATION', d: 1, o: true, c: true },
          expiresAt: NOW_S + 1000,
        },
      });
      await expect(newStore().load(KEY)).resolves.toEqual({ history: SOME_HISTORY, version: 4 });
      expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
      expect(ddb.commandCalls(GetCommand)[0].args[0].input).toEqual({ TableName: TABLE, Key: { pk: KEY }, ConsistentRead: true });
      expect(ddb.calls()).toHaveLength(1);
    });

    it('returns the empty history at version 0 when there is no item', async () => {
      ddb.on(GetCommand).resolves({});
      await expect(newStore().load(KEY)).resolves.toEqual({ history: EMPTY_HISTORY, version: 0 });
    });

    it('ignores an expired item (TTL deletes lazily) but keeps its version for the next conditional write', async () => {
      const item = { pk: KEY, v: 7, h: { r: [['AGE', NOW - 100 * DAY_MS]], l: 'AGE' }, expiresAt: NOW_S };
      ddb.on(GetCommand).resolves({ Item: item });
      await expect(newStore().load(KEY)).resolves.toEqual({ history: EMPTY_HISTORY, version: 7 });
      // One second earlier it was still live.
      await expect(newStore(() => NOW - 1000).load(KEY)).resolves.toMatchObject({ version: 7, history: { lastTopic: 'AGE' } });
    });

    it('passes whatever is stored through sanitizeHistory', async () => {
      ddb.on(GetCommand).resolves({
        Item: {
          pk: KEY,
          v: 2,
          h: { r: [['NOT_A_TOPIC', 1], 'junk', ['AGE', 'yesterday'], ['EXERCISE', NOW]], l: 'EVIL', d: -3, s: 1e9, o: 'yes' },
          expiresAt: NOW_S + 10,
        },
      });
      await expect(newStore().load(KEY)).resolves.toEqual({
        history: { ...EMPTY_HISTORY, recent: [{ topic: 'EXERCISE', at: NOW }] },
        version: 2,
      });
      // An `h` that is not a map is damage: the load repairs it with one write conditioned on the version read.
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 3, h: 'not a map', expiresAt: NOW_S + 10 } });
      ddb.on(PutCommand).resolves({});
      await expect(newStore().load(KEY)).resolves.toEqual({ history: EMPTY_HISTORY, version: 4 });
      expect(ddb).toHaveReceivedCommandWith(PutCommand, { ConditionExpression: '#v = :expected', ExpressionAttributeValues: { ':expected': 3 } });
    });

    it.each([
      ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} })],
      ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })],
      ['TimeoutError', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })],
    ])('wraps %s in HistoryStoreError("load") with the SDK error as cause', async (name, sdkError) => {
      ddb.on(GetCommand).rejects(sdkError);
      const error = await rejection(newStore().load(KEY));
      expect(error).toBeInstanceOf(HistoryStoreError);
      expect(error).not.toBeInstanceOf(HistoryConflictError);
      expect(error.operation).toBe('load');
      expect(error.cause).toBe(sdkError);
      expect(error.message).toContain(name);
      expect(error.message).not.toContain(KEY);
    });
  });

  describe('save', () => {
    it('numbers a new item from a random version (a delete must not let old version numbers match again)', async () => {
      ddb.on(PutCommand).resolves({});
      const client = DynamoDBDocumentClient.from(
        new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
      );
      const store = new DynamoHistoryStore({ client, tableName: TABLE, now: () => NOW });
      const versions = new Set<number>();
      for (let i = 0; i < 5; i++) versions.add((await store.save(KEY, visitTopic('CAUSES'), { history: EMPTY_HISTORY, version: 0 })).version);
      for (const version of versions) {
        expect(Number.isSafeInteger(version + 2 ** 21) && version >= 2 ** 21 && version < 2 ** 52).toBe(true);
        expect(version % 2 ** 21).toBe(0); // the first version of a generation
      }
      expect(versions.size).toBeGreaterThan(1);
      expect(ddb.commandCalls(PutCommand)[0].args[0].input.Item?.v).toBe([...versions][0]);
    });

    it('creates the item with attribute_not_exists(pk) when nothing was stored (version 0)', async () => {
      ddb.on(PutCommand).resolves({});
      const saved = await newStore().save(KEY, visitTopic('CAUSES'), { history: EMPTY_HISTORY, version: 0 });

      expect(saved).toEqual({
        history: { ...EMPTY_HISTORY, recent: [{ topic: 'CAUSES', at: NOW }], lastTopic: 'CAUSES', depth: 0 },
        version: 1,
      });
      const expected = {
        TableName: TABLE,
        Item: { pk: KEY, v: 1, h: { r: [['CAUSES', NOW]], l: 'CAUSES' }, expiresAt: NOW_S + RETENTION_S },
        ConditionExpression: 'attribute_not_exists(pk)',
      };
      expect(ddb).toHaveReceivedCommandWith(PutCommand, expected);
      expect(ddb.commandCalls(PutCommand)[0].args[0].input).toEqual(expected);
      expect(ddb.calls()).toHaveLength(1);
    });

    it('updates with #v = :expected and writes version + 1', async () => {
      ddb.on(PutCommand).resolves({});
      const saved = await newStore().save(KEY, combineChanges([goDeeper('DEHYDRATION', 2), atRoutineStep(3)]), {
        history: SOME_HISTORY,
        version: 4,
      });

      expect(saved.version).toBe(5);
      const expected = {
        TableName: TABLE,
        Item: {
          pk: KEY,
          v: 5,
          h: { r: [['DEHYDRATION', NOW - 60_000], ['RELIEF_ROUTINE', NOW]], l: 'RELIEF_ROUTINE', s: 3, o: true, c: true },
          expiresAt: NOW_S + RETENTION_S,
        },
        ConditionExpression: '#v = :expected',
        ExpressionAttributeNames: { '#v': 'v' },
        ExpressionAttributeValues: { ':expected': 4 },
      };
      expect(ddb).toHaveReceivedCommandWith(PutCommand, expected);
      expect(ddb.commandCalls(PutCommand)[0].args[0].input).toEqual(expected);
      expect(ddb).toHaveReceivedCommandTimes(GetCommand, 0);
    });

    it('does not write when the change leaves the history as it was (even 60 days later: no TTL-only refresh)', async () => {
      const known = { history: SOME_HISTORY, version: 4 };
      const store = newStore(() => NOW + 60 * DAY_MS);
      await expect(store.save(KEY, markDisclaimerHeard, known)).resolves.toBe(known);
      await expect(store.save(KEY, setSofter(true), known)).resolves.toBe(known);
      await expect(store.save(KEY, goDeeper('DEHYDRATION', 1), known)).resolves.toBe(known);
      // Same content in another key order / with an explicit undefined is still "unchanged".
      await expect(store.save(KEY, ({ recent, ...rest }) => ({ ...rest, routineStep: undefined, recent: [...recent] }), known)).resolves.toBe(known);
      await expect(newStore().save(KEY, setSofter(false), { history: EMPTY_HISTORY, version: 0 })).resolves.toEqual({
        history: EMPTY_HISTORY,
        version: 0,
      });
      expect(ddb.calls()).toHaveLength(0);
    });

    it('on a conflict re-reads, re-applies and writes against the fresh version', async () => {
      ddb.on(PutCommand).rejectsOnce(conditionalFailed()).resolves({});
      ddb.on(GetCommand).resolves({
        Item: { pk: KEY, v: 6, h: { r: [['DEHYDRATION', NOW - 60_000], ['FOOTWEAR', NOW - 1000]], l: 'FOOTWEAR', c: true }, expiresAt: NOW_S + 99 },
      });
      const saved = await newStore().save(KEY, visitTopic('SLEEP_POSITION'), { history: SOME_HISTORY, version: 4 });

      expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
      expect(ddb).toHaveReceivedCommandWith(GetCommand, { TableName: TABLE, Key: { pk: KEY }, ConsistentRead: true });
      expect(ddb).toHaveReceivedCommandTimes(PutCommand, 2);
      expect(ddb).toHaveReceivedNthSpecificCommandWith(1, PutCommand, { ExpressionAttributeValues: { ':expected': 4 } });
      expect(ddb.commandCalls(PutCommand)[1].args[0].input).toEqual({
        TableName: TABLE,
        Item: {
          pk: KEY,
          v: 7,
          h: { r: [['DEHYDRATION', NOW - 60_000], ['FOOTWEAR', NOW - 1000], ['SLEEP_POSITION', NOW]], l: 'SLEEP_POSITION', c: true },
          expiresAt: NOW_S + RETENTION_S,
        },
        ConditionExpression: '#v = :expected',
        ExpressionAttributeNames: { '#v': 'v' },
        ExpressionAttributeValues: { ':expected': 6 },
      });
      expect(saved).toEqual({
        history: {
          recent: [
            { topic: 'DEHYDRATION', at: NOW - 60_000 },
            { topic: 'FOOTWEAR', at: NOW - 1000 },
            { topic: 'SLEEP_POSITION', at: NOW },
          ],
          lastTopic: 'SLEEP_POSITION',
          depth: 0,
          prefs: { softer: false },
          disclaimerHeard: true,
        },
        version: 7,
      });
    });

    it('a first write that meets an item created meanwhile retries with the version condition', async () => {
      ddb.on(PutCommand).rejectsOnce(conditionalFailed()).resolves({});
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 1, h: { r: [['AGE', NOW - 5]], l: 'AGE' }, expiresAt: NOW_S + 99 } });
      const saved = await newStore().save(KEY, visitTopic('EXERCISE'), { history: EMPTY_HISTORY, version: 0 });

      expect(ddb).toHaveReceivedNthSpecificCommandWith(1, PutCommand, { ConditionExpression: 'attribute_not_exists(pk)' });
      expect(ddb).toHaveReceivedNthSpecificCommandWith(2, PutCommand, {
        Item: expect.objectContaining({ v: 2 }),
        ConditionExpression: '#v = :expected',
        ExpressionAttributeValues: { ':expected': 1 },
      });
      expect(saved.history.recent.map((r) => r.topic)).toEqual(['AGE', 'EXERCISE']);
      expect(saved.version).toBe(2);
    });

    it('does not write on the retry when the fresh history already has the change', async () => {
      ddb.on(PutCommand).rejectsOnce(conditionalFailed());
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 9, h: { c: true }, expiresAt: NOW_S + 99 } });
      const saved = await newStore().save(KEY, markDisclaimerHeard, { history: EMPTY_HISTORY, version: 8 });
      expect(saved).toEqual({ history: { ...EMPTY_HISTORY, disclaimerHeard: true }, version: 9 });
      expect(ddb).toHaveReceivedCommandTimes(PutCommand, 1);
    });

    it('re-applies to an expired item as empty, conditioned on its kept version', async () => {
      ddb.on(PutCommand).rejectsOnce(conditionalFailed()).resolves({});
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 3, h: { r: [['AGE', 1]], l: 'AGE', c: true }, expiresAt: NOW_S - 1 } });
      const saved = await newStore().save(KEY, visitTopic('PREVENTION'), { history: EMPTY_HISTORY, version: 0 });
      expect(ddb).toHaveReceivedNthSpecificCommandWith(2, PutCommand, {
        Item: { pk: KEY, v: 4, h: { r: [['PREVENTION', NOW]], l: 'PREVENTION' }, expiresAt: NOW_S + RETENTION_S },
        ExpressionAttributeValues: { ':expected': 3 },
      });
      expect(saved.version).toBe(4);
    });

    it.each([1, 2, 5, MAX_SAVE_ATTEMPTS - 1])(
      'after %i conflicting puts, re-reads that many times and lands the next put against the last fresh version',
      async (k) => {
        const put = ddb.on(PutCommand);
        for (let i = 0; i < k; i++) put.rejectsOnce(conditionalFailed());
        put.resolves({});
        // Each re-read sees one more write by someone else: version 4 + 2i, one more topic each time.
        const others = ['FOOTWEAR', 'AGE', 'INACTIVITY', 'MINERAL_DEFICIENCY', 'EXERCISE', 'DEHYDRATION', 'CAUSES', 'PREVENTION', 'WHAT_ARE_THEY'] as const;
        const get = ddb.on(GetCommand);
        for (let i = 1; i <= k; i++) {
          get.resolvesOnce({
            Item: { pk: KEY, v: 4 + 2 * i, h: { r: others.slice(0, i).map((t, n) => [t, NOW - 1000 * (10 - n)]), l: others[i - 1], c: true }, expiresAt: NOW_S + 99 },
          });
        }
        const backoff = jest.fn((_retry: number) => 0);
        const saved = await newStore(() => NOW, backoff).save(KEY, visitTopic('SLEEP_POSITION'), { history: SOME_HISTORY, version: 4 });

        expect(ddb).toHaveReceivedCommandTimes(GetCommand, k);
        expect(ddb).toHaveReceivedCommandTimes(PutCommand, k + 1);
        for (const call of ddb.commandCalls(GetCommand)) {
          expect(call.args[0].input).toEqual({ TableName: TABLE, Key: { pk: KEY }, ConsistentRead: true });
        }
        // Strictly alternating: put, get, put, get, ..., put.
        expect(ddb.calls().map((call) => call.args[0].constructor.name)).toEqual([
          'PutCommand',
          ...Array.from({ length: k }, () => ['GetCommand', 'PutCommand']).flat(),
        ]);
        // Every put is conditioned on the version read just before it.
        expect(ddb.commandCalls(PutCommand).map((call) => call.args[0].input.ExpressionAttributeValues?.[':expected'])).toEqual([
          4,
          ...Array.from({ length: k }, (_, i) => 4 + 2 * (i + 1)),
        ]);
        const expectedRecent = [...others.slice(0, k).map((t, n) => [t, NOW - 1000 * (10 - n)]), ['SLEEP_POSITION', NOW]];
        expect(ddb.commandCalls(PutCommand)[k].args[0].input).toEqual({
          TableName: TABLE,
          Item: {
            pk: KEY,
            v: 4 + 2 * k + 1,
            h: { r: expectedRecent.slice(-MAX_RECENT_TOPICS), l: 'SLEEP_POSITION', c: true },
            expiresAt: NOW_S + RETENTION_S,
          },
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'v' },
          ExpressionAttributeValues: { ':expected': 4 + 2 * k },
        });
        expect(saved.version).toBe(4 + 2 * k + 1);
        expect(saved.history.recent.map((r) => r.topic)).toEqual(expectedRecent.slice(-MAX_RECENT_TOPICS).map(([t]) => t));
        // One back-off before each re-read, numbered 1..k.
        expect(backoff.mock.calls).toEqual(Array.from({ length: k }, (_, i) => [i + 1]));
      },
    );

    it('throws HistoryConflictError after MAX_SAVE_ATTEMPTS conflicting puts (MAX_SAVE_ATTEMPTS - 1 re-reads)', async () => {
      const last = conditionalFailed();
      const put = ddb.on(PutCommand);
      for (let i = 1; i < MAX_SAVE_ATTEMPTS; i++) put.rejectsOnce(conditionalFailed());
      put.rejectsOnce(last).resolves({});
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 6, h: {}, expiresAt: NOW_S + 99 } });
      const backoff = jest.fn((_retry: number) => 0);
      const error = await rejection(newStore(() => NOW, backoff).save(KEY, visitTopic('AGE'), { history: SOME_HISTORY, version: 4 }));

      expect(MAX_SAVE_ATTEMPTS).toBe(12);
      expect(error).toBeInstanceOf(HistoryConflictError);
      expect(error).toBeInstanceOf(HistoryStoreError);
      expect(error.operation).toBe('save');
      expect(error.cause).toBe(last);
      expect(error.message).not.toContain(KEY);
      expect(ddb).toHaveReceivedCommandTimes(GetCommand, MAX_SAVE_ATTEMPTS - 1);
      expect(ddb).toHaveReceivedCommandTimes(PutCommand, MAX_SAVE_ATTEMPTS);
      expect(backoff.mock.calls).toEqual(Array.from({ length: MAX_SAVE_ATTEMPTS - 1 }, (_, i) => [i + 1]));
    });

    it('backs off with conflictBackoffMs (Math.random full jitter) by default', async () => {
      // random() = 0 makes every wait 0 ms, so this needs no timer; the calls show the default policy is used.
      const random = jest.spyOn(Math, 'random').mockReturnValue(0);
      try {
        ddb.on(PutCommand).rejectsOnce(conditionalFailed()).rejectsOnce(conditionalFailed()).resolves({});
        ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 6, h: {}, expiresAt: NOW_S + 99 } });
        const saved = await newStore(() => NOW, null).save(KEY, visitTopic('AGE'), { history: SOME_HISTORY, version: 4 });
        expect(saved.version).toBe(7);
        expect(random).toHaveBeenCalledTimes(2);
      } finally {
        random.mockRestore();
      }
    });

    it.each([
      ['ProvisionedThroughputExceededException', new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} })],
      ['ThrottlingException', new ThrottlingException({ message: 'Rate exceeded', $metadata: {} })],
      ['TimeoutError', Object.assign(new Error('Request timed out'), { name: 'TimeoutError' })],
    ])('wraps %s from PutItem in HistoryStoreError("save") without re-reading', async (name, sdkError) => {
      ddb.on(PutCommand).rejects(sdkError);
      const error = await rejection(newStore().save(KEY, visitTopic('AGE'), { history: EMPTY_HISTORY, version: 0 }));
      expect(error).toBeInstanceOf(HistoryStoreError);
      expect(error).not.toBeInstanceOf(HistoryConflictError);
      expect(error.operation).toBe('save');
      expect(error.cause).toBe(sdkError);
      expect(error.message).toContain(name);
      expect(error.message).not.toContain(KEY);
      expect(ddb).toHaveReceivedCommandTimes(PutCommand, 1);
      expect(ddb).toHaveReceivedCommandTimes(GetCommand, 0);
    });

    it('wraps a failing re-read or retry in HistoryStoreError("save")', async () => {
      const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: {} });
      ddb.on(PutCommand).rejectsOnce(conditionalFailed());
      ddb.on(GetCommand).rejects(throttled);
      let error = await rejection(newStore().save(KEY, visitTopic('AGE'), { history: EMPTY_HISTORY, version: 0 }));
      expect(error).not.toBeInstanceOf(HistoryConflictError);
      expect(error).toMatchObject({ operation: 'save', cause: throttled });

      ddb.reset();
      const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
      ddb.on(PutCommand).rejectsOnce(conditionalFailed()).rejectsOnce(timeout);
      ddb.on(GetCommand).resolves({});
      error = await rejection(newStore().save(KEY, visitTopic('AGE'), { history: EMPTY_HISTORY, version: 0 }));
      expect(error).not.toBeInstanceOf(HistoryConflictError);
      expect(error).toMatchObject({ operation: 'save', cause: timeout });
    });
  });

  describe('conflictBackoffMs', () => {
    const windows = [20, 40, 80, 100, 100, 100, 100, 100, 100, 100, 100];

    it('is full jitter in [0, min(100, 10 * 2^retry)) ms for each retry', () => {
      expect(windows).toHaveLength(MAX_SAVE_ATTEMPTS - 1);
      windows.forEach((window, i) => {
        const retry = i + 1;
        expect(conflictBackoffMs(retry, () => 0)).toBe(0);
        expect(conflictBackoffMs(retry, () => 0.5)).toBe(window / 2);
        expect(conflictBackoffMs(retry, () => 0.999_999)).toBe(window - 1);
        expect(conflictBackoffMs(retry, () => 1)).toBe(window - 1); // even a random source that returns 1
        for (let n = 0; n < 50; n++) {
          const ms = conflictBackoffMs(retry);
          expect(Number.isInteger(ms)).toBe(true);
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThan(window);
        }
      });
      expect(conflictBackoffMs(30, () => 0.999_999)).toBe(CONFLICT_BACKOFF_CAP_MS - 1);
    });

    it('waits well under the save deadline in the worst case over a whole save', () => {
      const worst = Array.from({ length: MAX_SAVE_ATTEMPTS - 1 }, (_, i) => conflictBackoffMs(i + 1, () => 0.999_999)).reduce((a, b) => a + b, 0);
      expect(worst).toBe(19 + 39 + 79 + 8 * 99); // 929 ms: the windows are 20 + 40 + 80 + 8 * 100 = 940 ms
      expect(worst).toBeLessThan(1200);
      expect(worst).toBeLessThan(STORE_DEADLINE_MS.save);
    });
  });

  describe('forget', () => {
    it('deletes the item unconditionally', async () => {
      ddb.on(DeleteCommand).resolves({});
      await newStore().forget(KEY);
      expect(ddb.commandCalls(DeleteCommand)[0].args[0].input).toEqual({ TableName: TABLE, Key: { pk: KEY } });
      expect(ddb.calls()).toHaveLength(1);
    });

    it('wraps errors in HistoryStoreError("forget")', async () => {
      const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: {} });
      ddb.on(DeleteCommand).rejects(throttled);
      const error = await rejection(newStore().forget(KEY));
      expect(error).toBeInstanceOf(HistoryStoreError);
      expect(error).toMatchObject({ operation: 'forget', cause: throttled });
      expect(error.message).not.toContain(KEY);
    });
  });

  describe('item size', () => {
    async function storedItem(change: Parameters<DynamoHistoryStore['save']>[1], known = { history: EMPTY_HISTORY, version: 0 }) {
      ddb.reset();
      ddb.on(PutCommand).resolves({});
      await newStore().save(KEY, change, known);
      return ddb.commandCalls(PutCommand)[0].args[0].input.Item as Record<string, unknown>;
    }

    it('is well under 1 KB for a typical listener', async () => {
      const item = await storedItem(
        combineChanges([
          markDisclaimerHeard,
          visitTopic('CAUSES'),
          visitTopic('DEHYDRATION', 1),
          visitTopic('MINERAL_DEFICIENCY'),
          atRoutineStep(2),
          setSofter(true),
        ]),
      );
      expect(dynamoItemSize(item)).toBeLessThan(300);
      expect(JSON.stringify(item).length).toBeLessThan(400);
    });

    it('stays under 1 KB in the worst case (every recent slot holding the longest topic ids)', async () => {
      const longest = TOPIC_IDS.filter((id) => !isHealthConditionTopic(id)).sort((a, b) => b.length - a.length).slice(0, MAX_RECENT_TOPICS);
      const item = await storedItem(
        combineChanges([markDisclaimerHeard, setSofter(true), ...longest.map((t) => visitTopic(t, 99)), atRoutineStep(99)]),
      );
      expect((item.h as { r: unknown[] }).r).toHaveLength(MAX_RECENT_TOPICS);
      expect(dynamoItemSize(item)).toBeLessThan(1024);
      expect(JSON.stringify(item).length).toBeLessThan(1024);
    });
  });
});

describe('createDocumentClient', () => {
  // The request-handler tests below use real clients (against a local server), not the mock.
  beforeAll(() => ddb.restore());

  async function handlerConfig(client: DynamoDBDocumentClient) {
    const handler = client.config.requestHandler;
    expect(handler).toBeInstanceOf(NodeHttpHandler);
    // NodeHttpHandler resolves its options lazily (on first request); read the resolved ones.
    return (handler as unknown as { configProvider: Promise<Record<string, any>> }).configProvider;
  }

  it('bounds every call: 1 s connect and request timeouts (thrown, not just logged), 2 attempts, keep-alive https', async () => {
    const client = createDocumentClient({ region: 'eu-west-1' });
    try {
      const config = await handlerConfig(client);
      expect(config).toMatchObject({ connectionTimeout: 1000, requestTimeout: 1000, throwOnRequestTimeout: true });
      const agent = await config.httpsAgent;
      expect(agent.keepAlive).toBe(true);
      await expect(client.config.maxAttempts()).resolves.toBe(2);
      await expect(client.config.region()).resolves.toBe('eu-west-1');
      expect(client.config.translateConfig?.marshallOptions).toEqual({ removeUndefinedValues: true });
    } finally {
      client.destroy();
    }
  });

  /** Runs `body` with exactly these AWS credential variables in the environment, restoring them afterwards. */
  async function withCredentialEnv(vars: Record<string, string>, body: () => Promise<void>): Promise<void> {
    const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
    const saved = names.map((name) => process.env[name]);
    for (const name of names) delete process.env[name];
    Object.assign(process.env, vars);
    try {
      await body();
    } finally {
      names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
    }
  }

  it('uses a keep-alive http agent and placeholder credentials for a local endpoint when the environment has none', async () => {
    await withCredentialEnv({}, async () => {
      const client = createDocumentClient({ endpoint: 'http://127.0.0.1:1', maxAttempts: 3, timeoutMs: 250 });
      try {
        const config = await handlerConfig(client);
        expect(config).toMatchObject({ connectionTimeout: 250, requestTimeout: 250 });
        expect((await config.httpAgentProvider()).keepAlive).toBe(true);
        await expect(client.config.maxAttempts()).resolves.toBe(3);
        await expect(client.config.credentials()).resolves.toMatchObject(PLACEHOLDER_CREDENTIALS);
        await expect(client.config.region()).resolves.toBe('us-east-1');
      } finally {
        client.destroy();
      }
    });
  });

  it("signs for a local endpoint with the environment's credentials when it has them, as Lambda's are given", async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'secret-from-env', AWS_SESSION_TOKEN: 'token-from-env' };
    await withCredentialEnv(env, async () => {
      const client = createDocumentClient({ endpoint: 'http://127.0.0.1:1' });
      try {
        await expect(client.config.credentials()).resolves.toMatchObject({
          accessKeyId: 'AKIDFROMENV',
          secretAccessKey: 'secret-from-env',
          sessionToken: 'token-from-env',
        });
      } finally {
        client.destroy();
      }
    });
  });

  // No timing assertions (shared, noisy machines): a TimeoutError cause after exactly two attempts shows the
  // client's own timeout fired, since the server only drops the socket after 3 s.
  it('gives up on a server that never answers after its attempts time out, as a HistoryStoreError', async () => {
    let requests = 0;
    const hanging: Server = createServer((req) => {
      requests++; // never respond; drop the socket after 3 s so a missing client timeout fails the test, not hangs it
      setTimeout(() => req.socket.destroy(), 3000).unref();
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const client = createDocumentClient({ endpoint: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`, timeoutMs: 150 });
    try {
      const error = await rejection(new DynamoHistoryStore({ client, tableName: TABLE }).load(KEY));
      expect(error).toMatchObject({ operation: 'load' });
      expect((error.cause as Error).name).toBe('TimeoutError');
      expect(requests).toBe(2);
    } finally {
      client.destroy();
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});
