import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  HistoryStoreError,
  conflictBackoffMs,
  type HistoryChange,
  type HistoryStore,
  type UserHistory,
  type VersionedHistory,
} from './history';
import { encodeHistory, expiresAtFor, historyFromItem, PK, randomFirstVersion, saveWithRetries, type HistoryItem } from './history-item';
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
}

export class DynamoHistoryStore implements HistoryStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => number;
  private readonly backoff: (retry: number) => number;
  private readonly firstVersion: () => number;

  constructor(options: DynamoHistoryStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
    this.backoff = options.backoff ?? ((retry) => conflictBackoffMs(retry));
    this.firstVersion = options.firstVersion ?? randomFirstVersion;
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
    return saveWithRetries(change, known, now, {
      read: () => this.read(userKey, now),
      put: (history, expected) => this.put(userKey, history, expected, now),
      isConflict: isConditionalCheckFailed,
      wrap: (error) => storeError('save', error),
      backoff: this.backoff,
    });
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
    const version = expected === 0 ? this.firstVersion() : expected + 1;
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
