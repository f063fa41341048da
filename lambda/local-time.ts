/**
 * The listener's wall clock: what time it is where their device is, from the device's IANA time zone.
 * Uses the runtime's own zone data (Intl), so no time-zone library is bundled.
 */

export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** One formatter per zone: building one costs far more than using it. Zones are few; the cache stays small. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 200;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock time at `nowMs` in `zone` (an IANA name the runtime knows; see isTimeZone). */
export function localTime(nowMs: number, zone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(nowMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** "2026-11-29T22:05:00.000": the local date-time format of Alexa's Reminders API (no offset; the zone is separate). */
export function isoLocal(t: LocalTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.000`;
}

/** The hours of the night voice: from `fromHour` (inclusive) until `untilHour` (exclusive), across midnight when from > until. */
export interface NightHours {
  readonly fromHour: number;
  readonly untilHour: number;
}

export function isNightHour(hour: number, night: NightHours): boolean {
  return night.fromHour <= night.untilHour
    ? hour >= night.fromHour && hour < night.untilHour
    : hour >= night.fromHour || hour < night.untilHour;
}
