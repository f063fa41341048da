import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { visitTopic } from '../../../lambda/state/changes';
import { DeadlineHistoryStore, StoreDeadlineError, type StoreCallObservation } from '../../../lambda/state/deadline-store';
import { DynamoHistoryStore } from '../../../lambda/state/dynamo-history-store';
import { EMPTY_HISTORY, HistoryStoreError, userKey, type HistoryStore, type StoreCallOptions } from '../../../lambda/state/history';
import { MemoryHistoryStore } from '../../../lambda/state/memory-history-store';

/**
 * Every store call has a deadline, enforced by aborting: the inner store gets an AbortSignal that fires at
 * the deadline, and the DynamoDB store hands it to every SDK request (abortSignal), so the request and its
 * socket end with the call. (The end-to-end check against a dripping table is tests/robustness/.)
 */
const KEY = userKey('amzn1.ask.account.DEADLINE');
const SHORT = { load: 20, save: 20, forget: 20 };

/** A store whose calls never finish, keeping the signal each was given. */
function hangingStore(): HistoryStore & { signals: (AbortSignal | undefined)[] } {
  const signals: (AbortSignal | undefined)[] = [];
  const hang = (options?: StoreCallOptions) => {
    signals.push(options?.signal);
    return new Promise<never>(() => undefined);
  };
  return {
    signals,
    load: (_key, options) => hang(options),
    save: (_key, _change, _known, options) => hang(options),
    forget: (_key, options) => hang(options),
  };
}

describe('DeadlineHistoryStore', () => {
  it.each(['load', 'save', 'forget'] as const)('%s: rejects with StoreDeadlineError at the deadline and aborts the inner call', async (operation) => {
    const inner = hangingStore();
    const store = new DeadlineHistoryStore(inner, SHORT);
    const call = { load: () => store.load(KEY), save: () => store.save(KEY, visitTopic('AGE'), { history: EMPTY_HISTORY, version: 0 }), forget: () => store.forget(KEY) }[operation];
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreDeadlineError);
    expect(error).toBeInstanceOf(HistoryStoreError);
    expect((error as StoreDeadlineError).operation).toBe(operation);
    expect(inner.signals).toHaveLength(1);
    expect(inner.signals[0]?.aborted).toBe(true);
    expect(inner.signals[0]?.reason).toBe(error);
  });

  it('tells its observer how each call ended and how long the turn waited', async () => {
    const seen: StoreCallObservation[] = [];
    const failing = new MemoryHistoryStore();
    failing.forget = () => Promise.reject(new HistoryStoreError('forget'));
    const inTime = new DeadlineHistoryStore(failing, SHORT, (call) => seen.push(call));
    await inTime.load(KEY);
    await expect(inTime.forget(KEY)).rejects.toThrow(HistoryStoreError);
    await expect(new DeadlineHistoryStore(hangingStore(), SHORT, (call) => seen.push(call)).save(KEY, visitTopic('AGE'), { history: EMPTY_HISTORY, version: 0 })).rejects.toThrow(StoreDeadlineError);
    expect(seen.map(({ operation, outcome }) => `${operation} ${outcome}`)).toEqual(['load ok', 'forget failed', 'save deadline']);
    expect(seen[2].ms).toBeGreaterThanOrEqual(SHORT.save - 1);
  });

  it('passes results through and leaves the signal unfired when the call is in time', async () => {
    const inner = new MemoryHistoryStore({ firstVersion: () => 1 });
    const store = new DeadlineHistoryStore(inner);
    const saved = await store.save(KEY, visitTopic('AGE'), await store.load(KEY));
    expect(saved.version).toBe(1);
    await store.forget(KEY);
    expect(inner.snapshot(KEY)).toBeUndefined();
  });
});

describe('DynamoHistoryStore sends the call signal with every request', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  afterAll(() => ddb.restore());

  it('on GetItem, PutItem and DeleteItem', async () => {
    ddb.on(GetCommand).resolves({});
    ddb.on(PutCommand).resolves({});
    ddb.on(DeleteCommand).resolves({});
    const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
    const store = new DynamoHistoryStore({ client, tableName: 'history-test' });
    const { signal } = new AbortController();
    await store.save(KEY, visitTopic('AGE'), await store.load(KEY, { signal }), { signal });
    await store.forget(KEY, { signal });
    const calls = ddb.calls();
    expect(calls.map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name)).toEqual(['GetCommand', 'PutCommand', 'DeleteCommand']);
    for (const call of calls) expect((call.args as unknown[])[1]).toEqual({ abortSignal: signal });
  });
});
