import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  HistoryStoreError,
  conflictBackoffMs,
  type HistoryChange,
  type HistoryStore,
  type StoreCallOptions,
  type UserHistory,
  type VersionedHistory,
} from './history';
import type { Log } from '../log';
import {
  encodeHistory,
  expiresAtFor,
  historyFromItem,
  loadRepairingDamage,
  nextVersion,
  PK,
  randomFirstVersion,
  reportDamage,
  saveWithRetries,
  type HistoryItem,
  type StoredRead,
  type VersionedWrites,
} from './history-item';
import { HISTORY_TTL_ATTRIBUTE } from './history-table';

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
  /** The version a new item starts at (default `randomFirstVersion`); tests inject `() => 1`. */
  readonly firstVersion?: () => number;
  /** Where a damaged item is reported (`history_item_damaged`, what is wrong but never whose item). */
  readonly log?: Log;
}

export class DynamoHistoryStore implements HistoryStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => number;
  private readonly backoff: (retry: number) => number;
  private readonly firstVersion: () => number;
  private readonly log: Log | undefined;

  constructor(options: DynamoHistoryStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? ((retry) => conflictBackoffMs(retry));
    this.firstVersion = options.firstVersion ?? randomFirstVersion;
    this.log = options.log;
  }

  async load(userKey: string, options: StoreCallOptions = {}): Promise<VersionedHistory> {
    try {
      return await loadRepairingDamage(this.writes(userKey, this.now(), 'load', options));
    } catch (error) {
      throw storeError('load', error);
    }
  }

  async save(userKey: string, change: HistoryChange, known: VersionedHistory, options: StoreCallOptions = {}): Promise<VersionedHistory> {
    const now = this.now();
    return saveWithRetries(change, known, now, this.writes(userKey, now, 'save', options));
  }

  async forget(userKey: string, options: StoreCallOptions = {}): Promise<void> {
    try {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { [PK]: userKey } }), sendOptions(options));
    } catch (error) {
      throw storeError('forget', error);
    }
  }

  private writes(userKey: string, now: number, operation: 'load' | 'save', options: StoreCallOptions): VersionedWrites {
    return {
      read: () => this.read(userKey, now, options),
      put: (history, base) => this.put(userKey, history, base, now, options),
      isConflict: isConditionalCheckFailed,
      wrap: (error) => storeError(operation, error),
      backoff: this.backoff,
      damaged: (damage) => reportDamage(this.log, damage),
    };
  }

  private async read(userKey: string, now: number, options: StoreCallOptions): Promise<StoredRead> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { [PK]: userKey },
        // A resume right after a write from another device must see that write.
        ConsistentRead: true,
      }),
      sendOptions(options),
    );
    return historyFromItem(Item, now);
  }

  /** One conditional PutItem: lands only if the item is still as `base` was read (see VersionedWrites.put). */
  private async put(userKey: string, history: UserHistory, base: StoredRead, now: number, options: StoreCallOptions): Promise<VersionedHistory> {
    const version = nextVersion(base, this.firstVersion);
    const item: HistoryItem = {
      [PK]: userKey,
      v: version,
      h: encodeHistory(history),
      [HISTORY_TTL_ATTRIBUTE]: expiresAtFor(now),
    };
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...writeCondition(base) }), sendOptions(options));
    return { history, version };
  }
}

/** The SDK aborts the request (and destroys its socket) when the call's signal fires. */
function sendOptions({ signal }: StoreCallOptions): { abortSignal?: AbortSignal } {
  return signal ? { abortSignal: signal } : {};
}

/** The condition of a write after `base`: same version, still no item, or still exactly the damaged `v` read. */
function writeCondition(base: StoredRead): Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> {
  const raw = base.damage?.rawVersion;
  if (raw && raw.value === undefined) {
    return { ConditionExpression: `attribute_exists(${PK}) AND attribute_not_exists(#v)`, ExpressionAttributeNames: { '#v': 'v' } };
  }
  if (raw) return { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'v' }, ExpressionAttributeValues: { ':expected': raw.value } };
  if (base.version === 0) return { ConditionExpression: `attribute_not_exists(${PK})` };
  return { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'v' }, ExpressionAttributeValues: { ':expected': base.version } };
}
