import {
  HistoryStoreError,
  conflictBackoffMs,
  type HistoryChange,
  type HistoryStore,
  type UserHistory,
  type VersionedHistory,
} from './history';
import { decodeHistory, encodeHistory, expiresAtFor, historyFromItem, randomFirstVersion, saveWithRetries, type HistoryItem } from './history-item';

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
  private readonly failures: { operation: 'load' | 'save' | 'forget'; cause: unknown }[] = [];

  constructor(options: MemoryHistoryStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.table = options.table ?? new Map();
    this.beforePut = options.beforePut;
    this.backoff = options.backoff ?? ((retry) => conflictBackoffMs(retry));
    this.firstVersion = options.firstVersion ?? randomFirstVersion;
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

  async load(userKey: string): Promise<VersionedHistory> {
    this.maybeFail('load');
    await tick();
    return this.read(userKey, this.now());
  }

  async save(userKey: string, change: HistoryChange, known: VersionedHistory): Promise<VersionedHistory> {
    this.maybeFail('save');
    const now = this.now();
    return saveWithRetries(change, known, now, {
      read: async () => this.read(userKey, now),
      put: (history, expected, attempt) => this.put(userKey, history, expected, now, attempt),
      isConflict: (error) => error instanceof SimulatedConditionalCheckFailed,
      wrap: (error) => error,
      backoff: this.backoff,
    });
  }

  async forget(userKey: string): Promise<void> {
    this.maybeFail('forget');
    await tick();
    this.ops.deletes++;
    this.table.delete(userKey);
  }

  private maybeFail(operation: 'load' | 'save' | 'forget'): void {
    const index = this.failures.findIndex((f) => f.operation === operation);
    if (index < 0) return;
    const [{ cause }] = this.failures.splice(index, 1);
    throw new HistoryStoreError(operation, { cause, message: `History ${operation} failed: ${(cause as Error)?.name ?? 'unknown error'}` });
  }

  private read(userKey: string, now: number): VersionedHistory {
    this.ops.gets++;
    const item = this.table.get(userKey);
    return historyFromItem(item ? structuredClone(item) : undefined, now);
  }

  private async put(userKey: string, history: UserHistory, expected: number, now: number, attempt: number): Promise<VersionedHistory> {
    await this.beforePut?.(userKey, attempt);
    await tick();
    // From here to the write nothing awaits: the check and the write are atomic, like a conditional PutItem.
    this.ops.puts++;
    const stored = this.table.get(userKey);
    if (expected === 0 ? stored !== undefined : stored?.v !== expected) {
      this.ops.conflicts++;
      throw new SimulatedConditionalCheckFailed('The conditional request failed');
    }
    const version = expected === 0 ? this.firstVersion() : expected + 1;
    this.table.set(userKey, { pk: userKey, v: version, h: encodeHistory(history), expiresAt: expiresAtFor(now) });
    return { history, version };
  }
}

/** Yields to other pending operations; a microtask, so it also works under jest's fake timers. */
function tick(): Promise<void> {
  return Promise.resolve();
}
