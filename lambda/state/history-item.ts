import { EMPTY_HISTORY, sanitizeHistory, type UserHistory, type VersionedHistory } from './history';
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
