import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  EMPTY_HISTORY,
  HistoryConflictError,
  HistoryStoreError,
  MAX_SAVE_ATTEMPTS,
  conflictBackoffMs,
  sanitizeHistory,
  type HistoryChange,
  type HistoryStore,
  type UserHistory,
  type VersionedHistory,
} from './history';
import { HISTORY_RETENTION_DAYS, HISTORY_TABLE_KEY, HISTORY_TTL_ATTRIBUTE } from './history-table';

/**
 * The stored item, one per listener:
 *
 *   { pk: userKey (64 hex chars), v: version (1, 2, ...), h: StoredHistory, expiresAt: epoch seconds }
 *
 * `h` uses one-letter names and leaves out defaults, so a typical listener's item is ~200-300 bytes and
 * the worst case (MAX_RECENT_TOPICS long topic ids) stays under 1 KB however many turns were taken:
 *
 *   r: [[topicId, atEpochMs], ...]  recent topics, oldest first (left out when empty)
 *   l: topicId                      lastTopic          d: number  depth (left out when 0)
 *   s: number                       routineStep        o: true    prefs.softer     c: true  disclaimerHeard
 *
 * Times stay in epoch milliseconds: seconds would save ~2 bytes per entry (≤ 20 bytes) but make the
 * round trip lossy, so what `save` returns could differ from what the next `load` sees.
 * Everything read back goes through `sanitizeHistory`: the item is untrusted (older skill versions).
 */
export interface StoredHistory {
  r?: [string, number][];
  l?: string;
  d?: number;
  s?: number;
  o?: true;
  c?: true;
}

export interface HistoryItem {
  pk: string;
  v: number;
  h: StoredHistory;
  expiresAt: number;
}

const PK = HISTORY_TABLE_KEY.partitionKey.name;
const RETENTION_SECONDS = HISTORY_RETENTION_DAYS * 24 * 60 * 60;

export function encodeHistory(history: UserHistory): StoredHistory {
  const h: StoredHistory = {};
  if (history.recent.length > 0) h.r = history.recent.map((entry) => [entry.topic, entry.at]);
  if (history.lastTopic !== undefined) h.l = history.lastTopic;
  if (history.depth) h.d = history.depth;
  if (history.routineStep !== undefined) h.s = history.routineStep;
  if (history.prefs.softer) h.o = true;
  if (history.disclaimerHeard) h.c = true;
  return h;
}

/** Reads a stored `h` (untrusted) back into a valid history. */
export function decodeHistory(raw: unknown): UserHistory {
  if (!raw || typeof raw !== 'object') return EMPTY_HISTORY;
  const h = raw as Record<string, unknown>;
  const recent = Array.isArray(h.r) ? h.r.map((e) => (Array.isArray(e) ? { topic: e[0], at: e[1] } : undefined)) : [];
  return sanitizeHistory({
    recent,
    lastTopic: h.l,
    depth: h.d ?? 0,
    routineStep: h.s,
    prefs: { softer: h.o === true },
    disclaimerHeard: h.c === true,
  });
}

/** What a history looks like once stored and read back (valid, canonical). */
export function normalizeHistory(history: UserHistory): UserHistory {
  return decodeHistory(encodeHistory(history));
}

/** Whether two histories would be stored identically (key order and absent-vs-undefined do not matter). */
export function sameHistory(a: UserHistory, b: UserHistory): boolean {
  return JSON.stringify(encodeHistory(a)) === JSON.stringify(encodeHistory(b));
}

export function epochSeconds(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

/** When an item written at `nowMs` may be deleted by DynamoDB's TTL. */
export function expiresAtFor(nowMs: number): number {
  return epochSeconds(nowMs) + RETENTION_SECONDS;
}

/** The listener's history from a raw item; an expired item reads as empty but keeps its version. */
export function historyFromItem(raw: object | undefined, nowMs: number): VersionedHistory {
  if (!raw) return { history: EMPTY_HISTORY, version: 0 };
  const item = raw as Record<string, unknown>;
  const version = Number.isSafeInteger(item.v) && (item.v as number) > 0 ? (item.v as number) : 0;
  const expiresAt = item[HISTORY_TTL_ATTRIBUTE];
  if (typeof expiresAt === 'number' && expiresAt <= epochSeconds(nowMs)) return { history: EMPTY_HISTORY, version };
  return { history: decodeHistory(item.h), version };
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';
}

function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'unknown error';
}

function storeError(operation: 'load' | 'save' | 'forget', cause: unknown): HistoryStoreError {
  // The message names the table operation and the SDK error, never the key (or anything about the listener).
  return new HistoryStoreError(operation, { cause, message: `History ${operation} failed: ${errorName(cause)}` });
}

export interface DynamoHistoryStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
  /**
   * Milliseconds to wait before retry `retry` (1, 2, ...) after a lost race; defaults to `conflictBackoffMs`
   * (random jitter). Injectable for tests: `() => 0` retries without waiting (no timer at all).
   */
  readonly backoff?: (retry: number) => number;
}

export class DynamoHistoryStore implements HistoryStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => number;
  private readonly backoff: (retry: number) => number;

  constructor(options: DynamoHistoryStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? ((retry) => conflictBackoffMs(retry));
  }

  async load(userKey: string): Promise<VersionedHistory> {
    try {
      return await this.read(userKey, this.now());
    } catch (error) {
      throw storeError('load', error);
    }
  }

  async save(userKey: string, change: HistoryChange, known: VersionedHistory): Promise<VersionedHistory> {
    const now = this.now();
    let base = known;
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) {
        // Another writer (another device or turn of the same listener) got in between: wait a random while,
        // so the losers of one race do not all collide again, then re-apply the change to its result.
        await sleep(this.backoff(attempt - 1));
        try {
          base = await this.read(userKey, now);
        } catch (error) {
          throw storeError('save', error);
        }
      }
      const next = normalizeHistory(change(base.history, now));
      if (sameHistory(next, base.history)) return base;
      try {
        return await this.put(userKey, next, base.version, now);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw storeError('save', error);
        if (attempt >= MAX_SAVE_ATTEMPTS) throw new HistoryConflictError({ cause: error });
      }
    }
  }

  async forget(userKey: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: { [PK]: userKey } }),
      );
    } catch (error) {
      throw storeError('forget', error);
    }
  }

  private async read(userKey: string, now: number): Promise<VersionedHistory> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PK]: userKey },
        // A resume right after a write from another device must see that write.
        ConsistentRead: true,
      }),
    );
    return historyFromItem(Item, now);
  }

  /** One conditional PutItem: lands only if the stored version is still `expected` (0 = no item yet). */
  private async put(userKey: string, history: UserHistory, expected: number, now: number): Promise<VersionedHistory> {
    const version = expected + 1;
    const item: HistoryItem = {
      [PK]: userKey,
      v: version,
      h: encodeHistory(history),
      [HISTORY_TTL_ATTRIBUTE]: expiresAtFor(now),
    };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ...(expected === 0
          ? { ConditionExpression: `attribute_not_exists(${PK})` }
          : {
              ConditionExpression: '#v = :expected',
              ExpressionAttributeNames: { '#v': 'v' },
              ExpressionAttributeValues: { ':expected': expected },
            }),
      }),
    );
    return { history, version };
  }
}

/** A real timer (none at all for 0 ms, so tests that inject `() => 0` never wait or need timers). */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
