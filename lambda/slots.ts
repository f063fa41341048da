import type { Intent, Slot } from 'ask-sdk-model';
import { CAUSE_IDS, MUSCLE_IDS, type MuscleId } from './content/types';
import { CAUSE_SLOT, MUSCLE_SLOT, REMINDER_TIME_SLOT } from './intents';
import type { CauseRequest } from './replies';

/**
 * Reads the cause slot through Alexa's entity resolution: the value id of an ER_SUCCESS_MATCH. A cause the
 * article does not cover ("gout") comes back as the words heard, cleaned (heardWords), so the reply can
 * name it; they are never logged or stored.
 */
export function resolveCause(intent: Intent | undefined): CauseRequest {
  const slot = intent?.slots?.[CAUSE_SLOT];
  if (!slot || typeof slot.value !== 'string' || !slot.value.trim()) return { status: 'empty' };
  const cause = resolvedId(slot, CAUSE_IDS);
  if (cause) return { status: 'match', cause };
  const heard = heardWords(slot.value);
  return heard ? { status: 'noMatch', heard } : { status: 'empty' };
}

/** Where the cramp is, when the listener said it and Alexa resolved it ("my hammy" → BACK_OF_THIGH); else undefined. */
export function resolveMuscle(intent: Intent | undefined): MuscleId | undefined {
  const slot = intent?.slots?.[MUSCLE_SLOT];
  return slot && typeof slot.value === 'string' ? resolvedId(slot, MUSCLE_IDS) : undefined;
}

/** The id of the slot's first ER_SUCCESS_MATCH value that is one of `ids`. */
function resolvedId<T extends string>(slot: Slot, ids: readonly T[]): T | undefined {
  const authorities = slot.resolutions?.resolutionsPerAuthority ?? [];
  for (const authority of Array.isArray(authorities) ? authorities : []) {
    if (authority?.status?.code !== 'ER_SUCCESS_MATCH') continue;
    for (const candidate of authority.values ?? []) {
      const id = candidate?.value?.id;
      if (typeof id === 'string' && (ids as readonly string[]).includes(id)) return id as T;
    }
  }
  return undefined;
}

/** At most this many of the words heard are said back ("the article doesn't cover ..."), and at most this many characters. */
export const HEARD_MAX_WORDS = 5;
export const HEARD_MAX_CHARS = 40;

/**
 * Words heard in a slot, made safe to say back and show: letters, digits and apostrophes only (no markup
 * for SSML or APL, however the request was forged), lower case, at most HEARD_MAX_WORDS words and
 * HEARD_MAX_CHARS characters, cut at a word. Empty when nothing speakable is left.
 */
export function heardWords(value: string): string {
  const words = value
    .toLowerCase()
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean)
    .slice(0, HEARD_MAX_WORDS);
  let text = '';
  for (const word of words) {
    const next = text ? `${text} ${word}` : word;
    if (next.length > HEARD_MAX_CHARS) break;
    text = next;
  }
  return text;
}

/** A time of day on the 24-hour clock. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
}

export type ReminderTimeRequest = { readonly status: 'time'; readonly time: ClockTime } | { readonly status: 'missing' | 'vague' };

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "22:00" → 22:00. Anything else is not a clock time (undefined). */
export function parseClockTime(value: unknown): ClockTime | undefined {
  const match = typeof value === 'string' ? CLOCK.exec(value) : null;
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

/**
 * Reads the AMAZON.TIME slot: "HH:MM" for a clock time; Alexa's MO, AF, EV and NI for "morning",
 * "afternoon", "evening" and "night" (vague: a reminder needs a clock time); nothing at all (missing).
 */
export function resolveReminderTime(intent: Intent | undefined): ReminderTimeRequest {
  const value = intent?.slots?.[REMINDER_TIME_SLOT]?.value;
  if (typeof value !== 'string' || !value.trim()) return { status: 'missing' };
  const time = parseClockTime(value.trim());
  return time ? { status: 'time', time } : { status: 'vague' };
}
