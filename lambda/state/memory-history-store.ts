import {
  HistoryStoreError,
  conflictBackoffMs,
  type HistoryChange,
  type HistoryStore,
  type StoreCallOptions,
  type UserHistory,
  type VersionedHistory,
} from './history';
import { NumberValue } from '@aws-sdk/lib-dynamodb';
import type { Log } from '../log';
import {
  decodeHistory,
  encodeHistory,
  expiresAtFor,
  historyFromItem,
  loadRepairingDamage,
  nextVersion,
  randomFirstVersion,
  reportDamage,
  saveWithRetries,
  type HistoryItem,
  type StoredRead,
  type VersionedWrites,
} from './history-item';

/**
 * The in-memory twin of DynamoHistoryStore, for tests and local runs. Same semantics: it keeps the same
 * item (`{ pk, v, h, expiresAt }`, same compact encoding), versions every write, refuses a write whose
 * expected version is stale (like the conditional PutItem), and on a lost race backs off
 * (`conflictBackoffMs`, a real timer), re-reads and re-applies, up to MAX_SAVE_ATTEMPTS writes in all, then
 * throws HistoryConflictError; it reads an expired item as empty while keeping its version. Each operation
 * yields (a microtask) before its atomic check-and-write, so `Promise.all` of saves really interleaves as
 * several devices would. Only a lost race sets a timer: saves without conflicts work under jest's fake timers
 * (inject `backoff: () => 0` for conflicting ones).
 */

/** The "table": share one between store instances to model a new process over the same data. */
export type MemoryHistoryTable = Map<string, HistoryItem>;

export interface MemoryHistoryStoreOptions {
  /** Epoch milliseconds; defaults to Date.now. */
  readonly now?: () => number;
  readonly table?: MemoryHistoryTable;
  /**
   * Runs before every conditional write attempt (attempt 1, then 2, 3, ... up to MAX_SAVE_ATTEMPTS after
   * conflicts): lets a test write through another store in between to force a conflict.
   */
  readonly beforePut?: (userKey: string, attempt: number) => void | Promise<void>;
  /**
   * Milliseconds to wait (on a real timer) before retry `retry` (1, 2, ...) after a lost race; defaults to
   * `conflictBackoffMs`, like DynamoHistoryStore. `() => 0` retries after a single microtask instead (no
   * timer: use it under jest's fake timers, but then many concurrent writers starve each other).
   */
  readonly backoff?: (retry: number) => number;
  /** The version a new item starts at (default `randomFirstVersion`); tests inject `() => 1`. */
  readonly firstVersion?: () => number;
  /** Where a damaged item is reported (`history_item_damaged`), as DynamoHistoryStore does. */
  readonly log?: Log;
}

export interface MemoryHistoryOps {
  /** GetItem equivalents (loads plus re-reads after a conflict). */
  gets: number;
  /** Conditional PutItem attempts, landed or not. */
  puts: number;
  /** Puts refused because the stored version had moved on. */
  conflicts: number;
  deletes: number;
}

export interface MemoryHistorySnapshot {
  readonly history: UserHistory;
  readonly version: number;
  readonly expiresAt: number;
  /** The item as DynamoHistoryStore would store it. */
  readonly item: HistoryItem;
}

class SimulatedConditionalCheckFailed extends Error {
  override name = 'ConditionalCheckFailedException';
}

export class MemoryHistoryStore implements HistoryStore {
  readonly table: MemoryHistoryTable;
  readonly ops: MemoryHistoryOps = { gets: 0, puts: 0, conflicts: 0, deletes: 0 };
  private readonly now: () => number;
  private readonly beforePut?: MemoryHistoryStoreOptions['beforePut'];
  private readonly backoff: (retry: number) => number;
  private readonly firstVersion: () => number;
  private readonly log: Log | undefined;
  private readonly failures: { operation: 'load' | 'save' | 'forget'; cause: unknown }[] = [];

  constructor(options: MemoryHistoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.table = options.table ?? new Map();
    this.beforePut = options.beforePut;
    this.backoff = options.backoff ?? ((retry) => conflictBackoffMs(retry));
    this.firstVersion = options.firstVersion ?? randomFirstVersion;
    this.log = options.log;
  }

  /** Makes the next `operation` throw a HistoryStoreError with `cause` (a table outage, a throttle...). */
  failNext(operation: 'load' | 'save' | 'forget', cause: unknown = Object.assign(new Error('Simulated failure'), { name: 'TimeoutError' })): void {
    this.failures.push({ operation, cause });
  }

  /** What is stored for `userKey` (ignoring expiry), or undefined. */
  snapshot(userKey: string): MemoryHistorySnapshot | undefined {
    const item = this.table.get(userKey);
    if (!item) return undefined;
    const copy = structuredClone(item);
    return { history: decodeHistory(copy.h), version: copy.v, expiresAt: copy.expiresAt, item: copy };
  }

  async load(userKey: string, { signal }: StoreCallOptions = {}): Promise<VersionedHistory> {
    this.maybeFail('load');
    await tick();
    return loadRepairingDamage(this.writes(userKey, this.now(), signal));
  }

  async save(userKey: string, change: HistoryChange, known: VersionedHistory, { signal }: StoreCallOptions = {}): Promise<VersionedHistory> {
    this.maybeFail('save');
    const now = this.now();
    return saveWithRetries(change, known, now, this.writes(userKey, now, signal));
  }

  /** Like the SDK, every table request first checks the call's signal: an aborted call sends nothing more. */
  private writes(userKey: string, now: number, signal: AbortSignal | undefined): VersionedWrites {
    return {
      read: async () => {
        signal?.throwIfAborted();
        return this.read(userKey, now);
      },
      put: (history, base, attempt) => {
        signal?.throwIfAborted();
        return this.put(userKey, history, base, now, attempt);
      },
      isConflict: (error) => error instanceof SimulatedConditionalCheckFailed,
      wrap: (error) => error,
      backoff: this.backoff,
      damaged: (damage) => reportDamage(this.log, damage),
    };
  }

  async forget(userKey: string, { signal }: StoreCallOptions = {}): Promise<void> {
    this.maybeFail('forget');
    await tick();
    signal?.throwIfAborted();
    this.ops.deletes++;
    this.table.delete(userKey);
  }

  private maybeFail(operation: 'load' | 'save' | 'forget'): void {
    const index = this.failures.findIndex((f) => f.operation === operation);
    if (index < 0) return;
    const [{ cause }] = this.failures.splice(index, 1);
    throw new HistoryStoreError(operation, { cause, message: `History ${operation} failed: ${(cause as Error)?.name ?? 'unknown error'}` });
  }

  private read(userKey: string, now: number): StoredRead {
    this.ops.gets++;
    // No copy needed: historyFromItem builds a new history and never changes the item.
    return historyFromItem(this.table.get(userKey), now);
  }

  private async put(userKey: string, history: UserHistory, base: StoredRead, now: number, attempt: number): Promise<VersionedHistory> {
    await this.beforePut?.(userKey, attempt);
    await tick();
    // From here to the write nothing awaits: the check and the write are atomic, like a conditional PutItem.
    this.ops.puts++;
    if (!stillAsRead(this.table.get(userKey), base)) {
      this.ops.conflicts++;
      throw new SimulatedConditionalCheckFailed('The conditional request failed');
    }
    const version = nextVersion(base, this.firstVersion);
    this.table.set(userKey, { pk: userKey, v: version, h: encodeHistory(history), expiresAt: expiresAtFor(now) });
    return { history, version };
  }
}

/** The conditions DynamoHistoryStore's PutItem states (writeCondition), checked on the stored item. */
function stillAsRead(stored: HistoryItem | undefined, base: StoredRead): boolean {
  const raw = base.damage?.rawVersion;
  if (raw) return stored !== undefined && sameStoredValue((stored as unknown as Record<string, unknown>).v, raw.value);
  return base.version === 0 ? stored === undefined : stored?.v === base.version;
}

/** Equality as DynamoDB compares attribute values: NumberValues (exact text) by their text. */
function sameStoredValue(a: unknown, b: unknown): boolean {
  const text = (x: unknown) => (x instanceof NumberValue ? `N:${x.toString()}` : x);
  return Object.is(text(a), text(b));
}

/** Yields to other pending operations; a microtask, so it also works under jest's fake timers. */
function tick(): Promise<void> {
  return Promise.resolve();
}
