import { randomInt } from 'node:crypto';
import type { Log } from '../log';
import {
  EMPTY_HISTORY,
  forgottenSince,
  GENERATION_SPAN,
  HistoryConflictError,
  HistoryForgottenError,
  MAX_SAVE_ATTEMPTS,
  sanitizeHistory,
  type HistoryChange,
  type UserHistory,
  type VersionedHistory,
} from './history';
import { HISTORY_RETENTION_DAYS, HISTORY_TABLE_KEY, HISTORY_TTL_ATTRIBUTE } from './history-table';
import { storableHistory } from './privacy';

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
 *   a: string                       reminder (the stretch reminder's alert token, ~36 chars)
 *   z: [zoneName, readAtEpochMs]    timeZone (the device's, re-read at most weekly)
 *
 * Times stay in epoch milliseconds: seconds would save ~2 bytes per entry (≤ 20 bytes) but make the
 * round trip lossy, so what `save` returns could differ from what the next `load` sees.
 * Everything read back goes through `sanitizeHistory`: the item is untrusted (older skill versions).
 * No health-condition topic is ever encoded or decoded (`storableHistory`, state/privacy.ts).
 */
export interface StoredHistory {
  r?: [string, number][];
  l?: string;
  d?: number;
  s?: number;
  o?: true;
  c?: true;
  a?: string;
  z?: [string, number];
}

export interface HistoryItem {
  pk: string;
  v: number;
  h: StoredHistory;
  expiresAt: number;
}

export const PK = HISTORY_TABLE_KEY.partitionKey.name;
const RETENTION_SECONDS = HISTORY_RETENTION_DAYS * 24 * 60 * 60;

export function encodeHistory(session: UserHistory): StoredHistory {
  const history = storableHistory(session);
  const h: StoredHistory = {};
  if (history.recent.length > 0) h.r = history.recent.map((entry) => [entry.topic, entry.at]);
  if (history.lastTopic !== undefined) h.l = history.lastTopic;
  if (history.depth) h.d = history.depth;
  if (history.routineStep !== undefined) h.s = history.routineStep;
  if (history.prefs.softer) h.o = true;
  if (history.disclaimerHeard) h.c = true;
  if (history.reminder !== undefined) h.a = history.reminder;
  if (history.timeZone) h.z = [history.timeZone.zone, history.timeZone.at];
  return h;
}

/** Reads a stored `h` (untrusted) back into a valid history. */
export function decodeHistory(raw: unknown): UserHistory {
  if (!raw || typeof raw !== 'object') return EMPTY_HISTORY;
  const h = raw as Record<string, unknown>;
  const recent = Array.isArray(h.r) ? h.r.map((e) => (Array.isArray(e) ? { topic: e[0], at: e[1] } : undefined)) : [];
  return storableHistory(sanitizeHistory({
    recent,
    lastTopic: h.l,
    depth: h.d ?? 0,
    routineStep: h.s,
    prefs: { softer: h.o === true },
    disclaimerHeard: h.c === true,
    reminder: h.a,
    timeZone: Array.isArray(h.z) ? { zone: h.z[0], at: h.z[1] } : undefined,
  }));
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

/**
 * Why a stored item is damaged (written by hand, by an older skill, or by a bug): `version` missing or not a
 * whole number in 1 .. MAX_SAFE_INTEGER - 1 (so the next version is still exact); `expiresAt` missing or not a
 * safe whole number (TTL would never delete the item); `numbers` a number in `h` that is not a safe whole
 * number (say a huge decimal); `history` an `h` that is not a map.
 */
export type DamageProblem = 'version' | 'expiresAt' | 'numbers' | 'history';

export interface ItemDamage {
  readonly problems: readonly DamageProblem[];
  /**
   * When the version is the problem: the raw `v` exactly as read (`value` undefined when missing). The write
   * that repairs the item is conditioned on it, so a concurrent writer is still detected.
   */
  readonly rawVersion?: { readonly value: unknown };
}

/** The one log line for a damaged item, shared by both stores: what is wrong, never whose item it is. */
export function reportDamage(log: Log | undefined, damage: ItemDamage): void {
  log?.warn('history_item_damaged', { problems: [...damage.problems] });
}

/** What a store read: the history and its version, and for a damaged item what the next write repairs. */
export interface StoredRead extends VersionedHistory {
  readonly damage?: ItemDamage;
}

/** A valid stored version: the next one (+1) must still be an exact integer for the marshaller. */
export function isValidVersion(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0 && (value as number) < Number.MAX_SAFE_INTEGER;
}

function isEpochSeconds(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** Whether a stored `h` holds a number that is not a safe whole number (read back as a NumberValue). */
function hasUnreadableNumber(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(hasUnreadableNumber);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return true; // NumberValue, Set, Uint8Array: never written by the skill
  return Object.values(value).some(hasUnreadableNumber);
}

/**
 * The listener's history from a raw item (untrusted: numbers may be NumberValues). Every valid entry is kept;
 * an expired item reads as empty but keeps its version. A damaged item reads with version 0 when its
 * version is the problem, and says what the next write must repair.
 */
export function historyFromItem(raw: object | undefined, nowMs: number): StoredRead {
  if (!raw) return { history: EMPTY_HISTORY, version: 0 };
  const item = raw as Record<string, unknown>;
  const problems: DamageProblem[] = [];
  const versionValid = isValidVersion(item.v);
  if (!versionValid) problems.push('version');
  const expiresAt = item[HISTORY_TTL_ATTRIBUTE];
  const expiresValid = isEpochSeconds(expiresAt);
  if (!expiresValid) problems.push('expiresAt');
  if (item.h !== undefined && (item.h === null || typeof item.h !== 'object' || Array.isArray(item.h))) problems.push('history');
  else if (hasUnreadableNumber(item.h)) problems.push('numbers');

  const version = versionValid ? (item.v as number) : 0;
  const history = expiresValid && expiresAt <= epochSeconds(nowMs) ? EMPTY_HISTORY : decodeHistory(item.h);
  if (problems.length === 0) return { history, version };
  return { history, version, damage: { problems, ...(versionValid ? {} : { rawVersion: { value: item.v } }) } };
}

/**
 * The version a new item starts at: a random generation (1 .. 2^31 - 1) times GENERATION_SPAN, not 1. After a
 * delete ("forget my history", TTL) the next item must not reuse version numbers a still-open session on
 * another device may hold, or that session's conditional write could land on the new item; and because
 * every later version stays in its generation (generationOf), such a session can tell that the item it knew
 * is gone even when a new one has been started since (forgottenSince).
 */
export function randomFirstVersion(): number {
  return randomInt(1, 2 ** 31) * GENERATION_SPAN;
}

/** What a store gives `saveWithRetries` and `loadRepairingDamage`: its own read and conditional write. */
export interface VersionedWrites {
  /** A fresh, consistent read of the stored history and its version. */
  read(): Promise<StoredRead>;
  /**
   * Stores `history` only if the item is still as `base` was read: at `base.version` + 1 when that is a valid
   * version; for no item (version 0) at a fresh first version if there is still none; for a damaged version at
   * a fresh first version if `v` still holds exactly the raw value read.
   */
  put(history: UserHistory, base: StoredRead, attempt: number): Promise<VersionedHistory>;
  /** Whether `put` failed because another writer got in first. */
  isConflict(error: unknown): boolean;
  /** Wraps any other failure (read or write) with the store's context. */
  wrap(error: unknown): unknown;
  /** Milliseconds to wait before retry `retry` (1, 2, ...): conflictBackoffMs unless a test injects another. */
  backoff(retry: number): number;
  /** Told once per damaged item read (what is wrong, never whose item it is). */
  damaged(damage: ItemDamage): void;
}

/** The version a conditional write stores after `base`: the next one, or a fresh first one (no item, or a damaged version). */
export function nextVersion(base: StoredRead, firstVersion: () => number): number {
  return base.version === 0 ? firstVersion() : base.version + 1;
}

/** The two VersionedHistory fields only: what a store hands back (never the damage, which stays inside the store). */
function plain({ history, version }: VersionedHistory): VersionedHistory {
  return { history, version };
}

/**
 * `HistoryStore.load` for both stores: read, and repair a damaged item at once with one conditional write of
 * its valid entries (conditioned on what was read, so a concurrent writer wins and is re-read instead). A
 * repair that cannot be written (the table failing) leaves the item for the next save to repair.
 */
export async function loadRepairingDamage(io: VersionedWrites): Promise<VersionedHistory> {
  const read = await io.read();
  if (!read.damage) return read;
  io.damaged(read.damage);
  try {
    return await io.put(normalizeHistory(read.history), read, 1);
  } catch (error) {
    if (!io.isConflict(error)) return plain(read);
    return plain(await io.read());
  }
}

/**
 * The one implementation of `HistoryStore.save`'s contract, shared by the DynamoDB store and its in-memory
 * twin: apply the change to what the session knew and write it conditionally; after a lost race, back off
 * (a random while, so the losers of one race do not all collide again), re-read, re-apply, write again, at
 * most MAX_SAVE_ATTEMPTS writes in all. No write when the change leaves a sound history as it was; a damaged
 * item read on the way is always rewritten (repaired). When the re-read shows that the item the session
 * knew was deleted since (forgottenSince), nothing is written: HistoryForgottenError. Only a lost race
 * re-reads, so an ordinary turn still costs one conditional write and no read.
 */
export async function saveWithRetries(change: HistoryChange, known: VersionedHistory, now: number, io: VersionedWrites): Promise<VersionedHistory> {
  let base: StoredRead = known;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) {
      await sleep(io.backoff(attempt - 1));
      try {
        base = await io.read();
      } catch (error) {
        throw io.wrap(error);
      }
      if (forgottenSince(known, base)) throw new HistoryForgottenError();
      if (base.damage) io.damaged(base.damage);
    }
    const next = normalizeHistory(change(base.history, now));
    if (!base.damage && sameHistory(next, base.history)) return base;
    try {
      return await io.put(next, base, attempt);
    } catch (error) {
      if (!io.isConflict(error)) throw io.wrap(error);
      if (attempt >= MAX_SAVE_ATTEMPTS) throw new HistoryConflictError({ cause: error });
    }
  }
}

/**
 * Waits `ms` on a real timer, or one microtask for 0 (tests that inject `() => 0` never need timers). A
 * timer, not microtasks: writers that lost a race would otherwise all re-read in the same microtask wave,
 * so exactly one of them would win each round.
 */
function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
