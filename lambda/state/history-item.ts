import { randomInt } from 'node:crypto';
import {
  EMPTY_HISTORY,
  HistoryConflictError,
  MAX_SAVE_ATTEMPTS,
  sanitizeHistory,
  type HistoryChange,
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
 *   a: string                       reminder (the stretch reminder's alert token, ~36 chars)
 *   z: [zoneName, readAtEpochMs]    timeZone (the device's, re-read at most weekly)
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

export function encodeHistory(history: UserHistory): StoredHistory {
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
  return sanitizeHistory({
    recent,
    lastTopic: h.l,
    depth: h.d ?? 0,
    routineStep: h.s,
    prefs: { softer: h.o === true },
    disclaimerHeard: h.c === true,
    reminder: h.a,
    timeZone: Array.isArray(h.z) ? { zone: h.z[0], at: h.z[1] } : undefined,
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

/**
 * The version a new item starts at: random, not 1. After a delete ("forget my history", TTL) the next item
 * must not reuse version numbers a still-open session on another device may hold, or that session's
 * conditional write could land on the new item and bring forgotten topics back.
 */
export function randomFirstVersion(): number {
  return randomInt(1, 2 ** 31);
}

/** What a store gives `saveWithRetries`: its own read and conditional write. */
export interface VersionedWrites {
  /** A fresh, consistent read of the stored history and its version. */
  read(): Promise<VersionedHistory>;
  /** Stores `history` as the next version only if the stored version is still `expected` (0 = none). */
  put(history: UserHistory, expected: number, attempt: number): Promise<VersionedHistory>;
  /** Whether `put` failed because another writer got in first. */
  isConflict(error: unknown): boolean;
  /** Wraps any other failure (read or write) with the store's context. */
  wrap(error: unknown): unknown;
  /** Milliseconds to wait before retry `retry` (1, 2, ...): conflictBackoffMs unless a test injects another. */
  backoff(retry: number): number;
}

/**
 * The one implementation of `HistoryStore.save`'s contract, shared by the DynamoDB store and its in-memory
 * twin: apply the change to what the session knew and write it conditionally; after a lost race, back off
 * (a random while, so the losers of one race do not all collide again), re-read, re-apply, write again, at
 * most MAX_SAVE_ATTEMPTS writes in all. No write when the change leaves the history as it was.
 */
export async function saveWithRetries(change: HistoryChange, known: VersionedHistory, now: number, io: VersionedWrites): Promise<VersionedHistory> {
  let base = known;
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) {
      await sleep(io.backoff(attempt - 1));
      try {
        base = await io.read();
      } catch (error) {
        throw io.wrap(error);
      }
    }
    const next = normalizeHistory(change(base.history, now));
    if (sameHistory(next, base.history)) return base;
    try {
      return await io.put(next, base.version, attempt);
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
