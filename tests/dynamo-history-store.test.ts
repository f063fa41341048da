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
import { atRoutineStep, goDeeper, markDisclaimerHeard, setSofter, visitTopic } from '../lambda/state/changes';
import { createDocumentClient } from '../lambda/state/dynamo-client';
import { DynamoHistoryStore } from '../lambda/state/dynamo-history-store';
import {
  EMPTY_HISTORY,
  HistoryConflictError,
  HistoryStoreError,
  MAX_RECENT_TOPICS,
  combineChanges,
  userKey,
  type UserHistory,
} from '../lambda/state/history';
import { HISTORY_RETENTION_DAYS } from '../lambda/state/history-table';
import { TOPIC_IDS } from '../lambda/content/types';
import { dynamoItemSize } from './helpers/dynalite';

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

function newStore(now: () => number = () => NOW): DynamoHistoryStore {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
  );
  return new DynamoHistoryStore({ client, tableName: TABLE, now });
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
          h: { r: [['NOT_A_TOPIC', 1], 'junk', ['AGE', 'yesterday'], ['PREGNANCY', NOW]], l: 'EVIL', d: -3, s: 1e9, o: 'yes' },
          expiresAt: NOW_S + 10,
        },
      });
      await expect(newStore().load(KEY)).resolves.toEqual({
        history: { ...EMPTY_HISTORY, recent: [{ topic: 'PREGNANCY', at: NOW }] },
        version: 2,
      });
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 3, h: 'not a map', expiresAt: NOW_S + 10 } });
      await expect(newStore().load(KEY)).resolves.toEqual({ history: EMPTY_HISTORY, version: 3 });
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

    it('on a conflict re-reads once, re-applies the change to the fresh history and writes against its version', async () => {
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
      const saved = await newStore().save(KEY, visitTopic('PREGNANCY'), { history: EMPTY_HISTORY, version: 0 });

      expect(ddb).toHaveReceivedNthSpecificCommandWith(1, PutCommand, { ConditionExpression: 'attribute_not_exists(pk)' });
      expect(ddb).toHaveReceivedNthSpecificCommandWith(2, PutCommand, {
        Item: expect.objectContaining({ v: 2 }),
        ConditionExpression: '#v = :expected',
        ExpressionAttributeValues: { ':expected': 1 },
      });
      expect(saved.history.recent.map((r) => r.topic)).toEqual(['AGE', 'PREGNANCY']);
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

    it('throws HistoryConflictError when the retry conflicts too (exactly one re-read, two puts)', async () => {
      const second = conditionalFailed();
      ddb.on(PutCommand).rejectsOnce(conditionalFailed()).rejectsOnce(second).resolves({});
      ddb.on(GetCommand).resolves({ Item: { pk: KEY, v: 6, h: {}, expiresAt: NOW_S + 99 } });
      const error = await rejection(newStore().save(KEY, visitTopic('AGE'), { history: SOME_HISTORY, version: 4 }));

      expect(error).toBeInstanceOf(HistoryConflictError);
      expect(error).toBeInstanceOf(HistoryStoreError);
      expect(error.operation).toBe('save');
      expect(error.cause).toBe(second);
      expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
      expect(ddb).toHaveReceivedCommandTimes(PutCommand, 2);
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
      const longest = [...TOPIC_IDS].sort((a, b) => b.length - a.length).slice(0, MAX_RECENT_TOPICS);
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

  it('uses a keep-alive http agent and dummy static credentials for a local endpoint', async () => {
    const client = createDocumentClient({ endpoint: 'http://127.0.0.1:1', maxAttempts: 3, timeoutMs: 250 });
    try {
      const config = await handlerConfig(client);
      expect(config).toMatchObject({ connectionTimeout: 250, requestTimeout: 250 });
      expect((await config.httpAgentProvider()).keepAlive).toBe(true);
      await expect(client.config.maxAttempts()).resolves.toBe(3);
      await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: 'local', secretAccessKey: 'local' });
      await expect(client.config.region()).resolves.toBe('us-east-1');
    } finally {
      client.destroy();
    }
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
