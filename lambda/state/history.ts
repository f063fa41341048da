import { createHash } from 'node:crypto';
import { TOPIC_IDS, type TopicId } from '../content/types';

/**
 * What the skill remembers about one listener. Deliberately small (one DynamoDB write unit) and free of
 * anything personal: topic ids and times only, never utterance text or symptoms.
 */
export interface UserHistory {
  /** Topics asked, oldest first, each topic at most once, at most MAX_RECENT_TOPICS entries. */
  readonly recent: readonly RecentTopic[];
  /** Where "tell me more" continues from. */
  readonly lastTopic?: TopicId;
  /** How many deeper parts of lastTopic have been heard (0 = only the summary). */
  readonly depth: number;
  /** Index of the relief routine step last spoken, while the routine is under way. */
  readonly routineStep?: number;
  readonly prefs: { readonly softer: boolean };
  readonly disclaimerHeard: boolean;
  /** The alert token of the listener's daily stretch reminder (Alexa Reminders API); nothing else about it is kept. */
  readonly reminder?: string;
  /** The device's time zone (IANA name) and when it was read, for the voice that follows the hour. */
  readonly timeZone?: KnownTimeZone;
}

export interface KnownTimeZone {
  readonly zone: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

export interface RecentTopic {
  readonly topic: TopicId;
  /** Epoch milliseconds. */
  readonly at: number;
}

export const MAX_RECENT_TOPICS = 10;

export const EMPTY_HISTORY: UserHistory = { recent: [], depth: 0, prefs: { softer: false }, disclaimerHeard: false };

/** A stored history and the version it was read or written at (0 = nothing stored yet). */
export interface VersionedHistory {
  readonly history: UserHistory;
  readonly version: number;
}

/**
 * Versions come in generations: an item's first version is a random multiple of GENERATION_SPAN
 * (history-item.ts randomFirstVersion) and each write adds 1, so every version of one item has the same
 * generation and an item started after a delete has another (by chance the same one time in 2^31). 2^21
 * writes per item before its generation would roll over (the item expires 90 days after its last write); the
 * highest version, 2^52 + writes, stays an exact integer.
 */
export const GENERATION_SPAN = 2 ** 21;

export function generationOf(version: number): number {
  return Math.floor(version / GENERATION_SPAN);
}

/**
 * Whether the item a session knew (`known`, version > 0: it was stored) has been deleted since, as `fresh`
 * (a read now) shows: no valid item any more, or one of another generation ("forget my history" on another
 * device, then a new item started there). A session that never stored anything (version 0) forgets nothing.
 */
export function forgottenSince(known: VersionedHistory, fresh: VersionedHistory): boolean {
  return known.version > 0 && (fresh.version === 0 || generationOf(fresh.version) !== generationOf(known.version));
}

/**
 * A change to a history, as a pure function. Stores re-apply it to a fresher copy when another device
 * of the same listener wrote in between, so neither side's entries are lost.
 */
export type HistoryChange = (history: UserHistory, now: number) => UserHistory;

/** Per-call options every store accepts. */
export interface StoreCallOptions {
  /** Aborts the call's table requests (DeadlineHistoryStore fires it at the call's deadline). */
  readonly signal?: AbortSignal;
}

/**
 * Where histories live. Keys are `userKey(alexaUserId)`, never the raw Alexa id. The skill reaches its store
 * through DeadlineHistoryStore, which gives every call a deadline enforced through `options.signal`.
 */
export interface HistoryStore {
  /**
   * The stored history, or `{ EMPTY_HISTORY, version 0 }` when there is none (or it has expired). A damaged
   * item (history-item.ts) is repaired on the way with one conditional write of its valid entries.
   */
  load(userKey: string, options?: StoreCallOptions): Promise<VersionedHistory>;
  /**
   * Applies `change` to `known` (what this session last read or wrote) and stores the result if the stored
   * version still equals `known.version`. When another writer got in first (a lost race), it waits
   * `conflictBackoffMs(retry)`, re-reads, re-applies `change` to the fresh history and stores that against
   * the fresh version: at most MAX_SAVE_ATTEMPTS conditional writes in all. Writes nothing when the change
   * leaves the (fresh) history as it was. Returns what was stored (or the unchanged history and its version).
   * Throws a `HistoryConflictError` when all MAX_SAVE_ATTEMPTS writes lost their race (the change was not
   * stored), a `HistoryForgottenError` (nothing written) when a lost race shows that the item `known` came from
   * was deleted since (forgottenSince), and a `HistoryStoreError` when the table cannot be read or written.
   */
  save(userKey: string, change: HistoryChange, known: VersionedHistory, options?: StoreCallOptions): Promise<VersionedHistory>;
  /** Deletes everything stored for the listener. */
  forget(userKey: string, options?: StoreCallOptions): Promise<void>;
}

/**
 * The retry policy of `HistoryStore.save` for lost races (both stores use it): the first conditional write
 * plus up to MAX_SAVE_ATTEMPTS - 1 rounds of back off, re-read, re-apply, conditional write. A write loses only
 * to another write that landed since its read, so up to MAX_SAVE_ATTEMPTS turns of one listener at once always
 * all land (time permitting); 20 typically do (the last on its 7th or 8th write; with 10 attempts about one
 * test run in four lost a writer). Bounded so a save stays within its deadline (STORE_DEADLINE_MS.save in
 * lambda/state/deadline-store.ts, 1.2 s).
 */
export const MAX_SAVE_ATTEMPTS = 12;
/** Back-off windows: CONFLICT_BACKOFF_BASE_MS * 2^retry, capped at CONFLICT_BACKOFF_CAP_MS. */
export const CONFLICT_BACKOFF_BASE_MS = 10;
export const CONFLICT_BACKOFF_CAP_MS = 100;

/**
 * How long to wait before retry `retry` (1 = the first re-read after a lost race, up to MAX_SAVE_ATTEMPTS - 1):
 * "full jitter", a random whole number of milliseconds in [0, min(CAP, BASE * 2^retry)), i.e. windows of 20,
 * 40, 80, then 100 ms. Spreads the losers of one race out so they do not all collide again. The worst case
 * over a whole save is 20 + 40 + 80 + 8 * 100 = 940 ms of waiting (929 ms in whole milliseconds), under the
 * 1.2 s save deadline; the expected total is half that. `random` returns [0, 1), like Math.random
 * (injectable for tests).
 */
export function conflictBackoffMs(retry: number, random: () => number = Math.random): number {
  const window = conflictBackoffWindowMs(retry);
  return Math.min(window - 1, Math.max(0, Math.floor(random() * window)));
}

/** The exclusive upper bound of `conflictBackoffMs(retry)`. */
export function conflictBackoffWindowMs(retry: number): number {
  return Math.min(CONFLICT_BACKOFF_CAP_MS, CONFLICT_BACKOFF_BASE_MS * 2 ** Math.max(0, retry));
}

/** Thrown by stores, with the SDK's error as `cause`. */
export class HistoryStoreError extends Error {
  constructor(
    readonly operation: 'load' | 'save' | 'forget',
    options: { cause?: unknown; message?: string } = {},
  ) {
    super(options.message ?? `History ${operation} failed`, { cause: options.cause });
    this.name = 'HistoryStoreError';
  }
}

/**
 * Another writer won every one of the MAX_SAVE_ATTEMPTS conditional writes of a `save`: the change was not
 * stored. `cause` is the last write's ConditionalCheckFailedException.
 */
export class HistoryConflictError extends HistoryStoreError {
  constructor(options: { cause?: unknown } = {}) {
    super('save', { ...options, message: `History changed concurrently on all ${MAX_SAVE_ATTEMPTS} attempts; change not stored` });
    this.name = 'HistoryConflictError';
  }
}

/**
 * The history a session held was forgotten after it loaded it ("forget my history" on another device, or the
 * skill disabled): the save wrote nothing, so the forget wins over every session open before it.
 */
export class HistoryForgottenError extends HistoryStoreError {
  constructor() {
    super('save', { message: 'History was forgotten since this session read it; change not stored' });
    this.name = 'HistoryForgottenError';
  }
}

/** The storage key for an Alexa user id: a SHA-256, so the id itself is never stored or logged. */
export function userKey(alexaUserId: string): string {
  return createHash('sha256').update(`leg-cramp-helper:${alexaUserId}`).digest('hex');
}

const KNOWN_TOPICS = new Set<string>(TOPIC_IDS);

/**
 * Reads a history from untrusted data (a stored item written by an older version of the skill, or
 * session attributes sent back by Alexa) and keeps only what is valid now.
 */
export function sanitizeHistory(raw: unknown): UserHistory {
  if (!raw || typeof raw !== 'object') return EMPTY_HISTORY;
  const r = raw as Record<string, unknown>;
  const recent = Array.isArray(r.recent)
    ? r.recent
        .filter(
          (e): e is RecentTopic =>
            !!e &&
            typeof e === 'object' &&
            KNOWN_TOPICS.has((e as RecentTopic).topic) &&
            // Epoch milliseconds. Anything past MAX_SAFE_INTEGER (say 1e300 from a forged session) would make
            // the DynamoDB marshaller refuse every write of the session.
            Number.isSafeInteger((e as RecentTopic).at) &&
            (e as RecentTopic).at >= 0,
        )
        .map((e) => ({ topic: e.topic, at: e.at }))
    : [];
  const lastTopic = typeof r.lastTopic === 'string' && KNOWN_TOPICS.has(r.lastTopic) ? (r.lastTopic as TopicId) : undefined;
  const depth = Number.isInteger(r.depth) && (r.depth as number) >= 0 && (r.depth as number) < 100 ? (r.depth as number) : 0;
  const routineStep =
    Number.isInteger(r.routineStep) && (r.routineStep as number) >= 0 && (r.routineStep as number) < 100 ? (r.routineStep as number) : undefined;
  const prefs = r.prefs && typeof r.prefs === 'object' ? (r.prefs as Record<string, unknown>) : {};
  const reminder = sanitizeAlertToken(r.reminder);
  const timeZone = sanitizeTimeZone(r.timeZone);
  return {
    recent: newestOfEachTopic(recent),
    ...(lastTopic ? { lastTopic } : {}),
    depth: lastTopic ? depth : 0,
    ...(routineStep !== undefined ? { routineStep } : {}),
    prefs: { softer: prefs.softer === true },
    disclaimerHeard: r.disclaimerHeard === true,
    ...(reminder ? { reminder } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
}

/**
 * Each topic once (its newest entry wins, where it stands), at most MAX_RECENT_TOPICS (the last ones). Only an
 * item written by an older version, or a forged session, can hold a topic twice: visitTopic moves it instead.
 */
function newestOfEachTopic(entries: readonly RecentTopic[]): RecentTopic[] {
  const newest = new Map<TopicId, RecentTopic>();
  for (const entry of entries) if (entry.at >= (newest.get(entry.topic)?.at ?? -1)) newest.set(entry.topic, entry);
  return entries.filter((entry) => newest.get(entry.topic) === entry).slice(-MAX_RECENT_TOPICS);
}

/**
 * Alexa's alert tokens are opaque ids (a UUID in practice). Anything else (too long, spaces, markup) is
 * dropped: it goes into a URL path (DELETE /v1/alerts/reminders/{token}) and into the stored item.
 */
const ALERT_TOKEN = /^[A-Za-z0-9._:-]{1,200}$/;

export function sanitizeAlertToken(raw: unknown): string | undefined {
  return typeof raw === 'string' && ALERT_TOKEN.test(raw) ? raw : undefined;
}

/** An IANA zone name ("America/New_York", "Etc/GMT+5"), checked against the runtime's own zone data. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\/-]{0,63}$/;

export function isTimeZone(raw: unknown): raw is string {
  if (typeof raw !== 'string' || !ZONE_NAME.test(raw)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
    return true;
  } catch {
    return false;
  }
}

function sanitizeTimeZone(raw: unknown): KnownTimeZone | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { zone, at } = raw as Record<string, unknown>;
  return isTimeZone(zone) && Number.isSafeInteger(at) && (at as number) >= 0 ? { zone, at: at as number } : undefined;
}

/** Composes changes left to right. */
export function combineChanges(changes: readonly HistoryChange[]): HistoryChange {
  return (history, now) => changes.reduce((h, change) => change(h, now), history);
}
