import { getRequestType, type RequestInterceptor, type ResponseInterceptor } from 'ask-sdk-core';
import type { Log } from './log';
import { describeError } from './log';
import { APL_USER_EVENT } from './screen';
import { combineChanges, EMPTY_HISTORY, userKey, type HistoryStore, type VersionedHistory } from './state/history';
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
 * changed nothing. A failed write is logged; the listener still hears the reply.
 */
export function createSaveHistoryInterceptor({ store, log }: HistoryDeps): ResponseInterceptor {
  return {
    async process(input) {
      if (!hasTurn(input)) return;
      const turn = turnOf(input);
      if (!turn.userKey || turn.pending.length === 0) return;
      try {
        const saved = await store.save(turn.userKey, combineChanges(turn.pending), turn.base);
        // The table never holds health-condition topics; the session keeps following the ones it heard.
        turn.state = { ...turn.state, history: withSessionOnlyTopics(saved.history, turn.state.history), version: saved.version };
        writeSessionState(input, turn.state);
      } catch (error) {
        log.error('history_save_failed', describeError(error));
      } finally {
        turn.pending.length = 0;
      }
    },
  };
}
