import type { Intent } from 'ask-sdk-model';
import { CAUSE_IDS, type CauseId } from './content/types';
import { CAUSE_SLOT, REMINDER_TIME_SLOT } from './intents';
import type { CauseRequest } from './replies';

const CAUSES = new Set<string>(CAUSE_IDS);

/**
 * Reads the cause slot through Alexa's entity resolution: the value id of an ER_SUCCESS_MATCH, never
 * the raw words (which are neither trusted nor repeated back).
 */
export function resolveCause(intent: Intent | undefined): CauseRequest {
  const slot = intent?.slots?.[CAUSE_SLOT];
  if (!slot || typeof slot.value !== 'string' || !slot.value.trim()) return { status: 'empty' };
  const authorities = slot.resolutions?.resolutionsPerAuthority ?? [];
  for (const authority of Array.isArray(authorities) ? authorities : []) {
    if (authority?.status?.code !== 'ER_SUCCESS_MATCH') continue;
    for (const candidate of authority.values ?? []) {
      const id = candidate?.value?.id;
      if (typeof id === 'string' && CAUSES.has(id)) return { status: 'match', cause: id as CauseId };
    }
  }
  return { status: 'noMatch' };
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
