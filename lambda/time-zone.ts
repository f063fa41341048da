/**
 * The voice that follows the hour. Before each spoken turn: decide whether it is night where the listener's
 * device is, from the time zone kept in their history. The zone is read from Alexa's Settings API once per
 * listener and re-read at most weekly, at most once per session, and never for a listener whose zone is
 * known and fresh (no API call on their path at all). When it cannot be read within 300 ms, the night voice
 * is used: the safe choice for someone woken by a cramp.
 */
import type { RequestInterceptor } from 'ask-sdk-core';
import { canCallAlexa, readDeviceTimeZone } from './alexa-apis';
import { isNightHour, localTime, type NightHours } from './local-time';
import { describeError, type Log } from './log';
import { setTimeZone } from './state/changes';
import { isTimeZone } from './state/history';
import { hasTurn, turnOf, writeSessionState } from './turn';

/** How long a zone read from the device is trusted before it is read again (people move, devices travel). */
export const TIME_ZONE_REFRESH_MS = 7 * 24 * 60 * 60 * 1000;

export interface TimeZoneDeps {
  readonly log: Log;
  readonly nightVoice: NightHours;
}

/** Runs after the history interceptor (it needs the turn). */
export function createTimeZoneInterceptor({ log, nightVoice }: TimeZoneDeps): RequestInterceptor {
  return {
    async process(input) {
      if (!hasTurn(input)) return;
      const turn = turnOf(input);
      const known = turn.state.history.timeZone;
      let zone = known && turn.now - known.at < TIME_ZONE_REFRESH_MS ? known.zone : undefined;
      if (!zone && !turn.state.timeZoneAsked && canCallAlexa(input)) {
        // Once per session, whatever the answer: a failed read is not retried until the next session.
        turn.state = { ...turn.state, timeZoneAsked: true };
        try {
          const read = await readDeviceTimeZone(input);
          if (!isTimeZone(read)) throw new TypeError('The Settings API answered with no valid time zone');
          zone = read;
          const change = setTimeZone(read, turn.now);
          turn.state = { ...turn.state, history: change(turn.state.history, turn.now) };
          turn.pending.push(change);
        } catch (error) {
          // The night voice for this session; the zone is not logged, nor anything about the listener.
          log.warn('time_zone_unavailable', describeError(error));
        }
        writeSessionState(input, turn.state);
      }
      turn.night = zone ? isNightHour(localTime(turn.now, zone).hour, nightVoice) : true;
    },
  };
}
