import { getRequestType, type HandlerInput, type RequestInterceptor, type ResponseInterceptor } from 'ask-sdk-core';
import type { Log } from './log';
import { describeError } from './log';
import { APL_USER_EVENT } from './screen';
import { combineChanges, EMPTY_HISTORY, forgottenSince, HistoryForgottenError, userKey, type HistoryChange, type HistoryStore, type VersionedHistory } from './state/history';
import { withSessionOnlyTopics } from './state/privacy';
import { hasTurn, readSessionState, setTurn, turnOf, writeSessionState, type SessionState } from './turn';

/**
 * Requests that get a turn (and so the listener's history): spoken ones, a touch on the night screen, and
 * Alexa's answer to the reminders permission request (Connections.Response, lambda/reminders.ts).
 * Everything else, CanFulfillIntentRequest included, never reads or writes the table.
 */
export const TURN_REQUESTS: ReadonlySet<string> = new Set(['LaunchRequest', 'IntentRequest', APL_USER_EVENT, 'Connections.Response']);

export interface HistoryDeps {
  /** With deadlines on every call (DeadlineHistoryStore): a hanging table costs a turn at most STORE_DEADLINE_MS. */
  readonly store: HistoryStore;
  readonly log: Log;
  readonly now: () => number;
}

/**
 * Before a spoken request or a touch on the screen: take the session's state from its attributes, or, when
 * the session is new, read the listener's history once. A failed read is logged and the turn goes on with an empty history
 * (a later conditional write re-reads, so nothing stored is overwritten).
 */
export function createLoadHistoryInterceptor({ store, log, now }: HistoryDeps): RequestInterceptor {
  return {
    async process(input) {
      if (!TURN_REQUESTS.has(getRequestType(input.requestEnvelope))) return;
      const userId = input.requestEnvelope.context?.System?.user?.userId;
      const key = typeof userId === 'string' && userId ? userKey(userId) : undefined;
      let state: SessionState | undefined = input.requestEnvelope.session?.new ? undefined : readSessionState(input);
      if (!state) {
        let loaded: VersionedHistory = { history: EMPTY_HISTORY, version: 0 };
        if (key) {
          try {
            loaded = await store.load(key);
          } catch (error) {
            log.warn('history_load_failed', describeError(error));
          }
        }
        state = { history: loaded.history, version: loaded.version };
      }
      writeSessionState(input, state);
      setTurn(input, {
        ...(key ? { userKey: key } : {}),
        base: { history: state.history, version: state.version },
        pending: [],
        now: now(),
        state,
      });
    },
  };
}

/**
 * After the reply is built: one conditional write with everything the turn changed, and none when it
 * changed nothing (nor for a session whose history was forgotten since it read it). A failed write is logged;
 * the listener still hears the reply.
 */
export function createSaveHistoryInterceptor({ store, log }: HistoryDeps): ResponseInterceptor {
  return {
    async process(input) {
      if (!hasTurn(input)) return;
      const turn = turnOf(input);
      if (!turn.userKey || turn.pending.length === 0 || turn.state.forgotten) return;
      try {
        const saved = await store.save(turn.userKey, combineChanges(turn.pending), turn.base);
        // The table never holds health-condition topics; the session keeps following the ones it heard.
        turn.state = { ...turn.state, history: withSessionOnlyTopics(saved.history, turn.state.history), version: saved.version };
        writeSessionState(input, turn.state);
      } catch (error) {
        if (!(error instanceof HistoryForgottenError)) log.error('history_save_failed', describeError(error));
        else forgetSession(input, turn.pending, turn.now);
      } finally {
        turn.pending.length = 0;
      }
    },
  };
}

/**
 * The listener's history was forgotten on another device after this session read it: the session drops
 * everything it knew (health-condition topics heard before the forget included) and keeps only what this
 * turn did, for itself: it writes nothing more (SessionState.forgotten).
 */
function forgetSession(input: HandlerInput, thisTurn: readonly HistoryChange[], now: number): void {
  const turn = turnOf(input);
  const history = combineChanges(thisTurn)(EMPTY_HISTORY, now);
  turn.state = { ...turn.state, history, version: 0, forgotten: true };
  turn.base = { history, version: 0 };
  writeSessionState(input, turn.state);
}

/**
 * Before a reply built from the listener's stored history (a recap, a resume): when this session holds a
 * stored version, read the table again, so another device's later turns are heard and a forget there is
 * obeyed (the session is then emptied, as forgetSession does). Only these requests pay the read; a session
 * with nothing stored, or one already forgotten, has nothing to re-read. A failed read is logged and the
 * session's own copy is used.
 */
export async function refreshSessionHistory(input: HandlerInput, { store, log }: Pick<HistoryDeps, 'store' | 'log'>): Promise<void> {
  const turn = turnOf(input);
  if (!turn.userKey || turn.state.forgotten || turn.state.version === 0) return;
  let fresh: VersionedHistory;
  try {
    fresh = await store.load(turn.userKey);
  } catch (error) {
    log.warn('history_load_failed', describeError(error));
    return;
  }
  if (forgottenSince(turn.state, fresh)) return forgetSession(input, turn.pending, turn.now);
  // What this turn already changed (the device's time zone) still applies, and is written after the reply.
  const history = combineChanges(turn.pending)(withSessionOnlyTopics(fresh.history, turn.state.history), turn.now);
  turn.state = { ...turn.state, history, version: fresh.version };
  turn.base = { history: fresh.history, version: fresh.version };
  writeSessionState(input, turn.state);
}
