import { getRequestType, type RequestInterceptor, type ResponseInterceptor } from 'ask-sdk-core';
import type { Log } from './log';
import { describeError } from './log';
import { APL_USER_EVENT } from './screen';
import { combineChanges, EMPTY_HISTORY, userKey, type HistoryStore, type VersionedHistory } from './state/history';
import { hasTurn, readSessionState, setTurn, turnOf, writeSessionState, type SessionState } from './turn';

/**
 * How long a turn waits for the table before answering without it. Alexa allows 8 s in all, but a turn that
 * both loads and saves against a hanging table waits load + save: 1.0 + 1.2 s keeps every turn under the 3 s
 * the skill promises (tests/robustness/faults.test.ts) with room for a busy container. The load deadline
 * equals the client's 1 s request timeout; fast failures (throttling, 5xx, refused) still get the SDK retry.
 */
export const STORE_DEADLINE_MS = { load: 1000, save: 1200 } as const;

/**
 * Requests that get a turn (and so the listener's history): spoken ones and a touch on the night screen.
 * Everything else, CanFulfillIntentRequest included, never reads or writes the table.
 */
const TURN_REQUESTS: ReadonlySet<string> = new Set(['LaunchRequest', 'IntentRequest', APL_USER_EVENT]);

export interface HistoryDeps {
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
            loaded = await withDeadline(store.load(key), STORE_DEADLINE_MS.load, 'load');
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
        const saved = await withDeadline(store.save(turn.userKey, combineChanges(turn.pending), turn.base), STORE_DEADLINE_MS.save, 'save');
        turn.state = { ...turn.state, history: saved.history, version: saved.version };
        writeSessionState(input, turn.state);
      } catch (error) {
        log.error('history_save_failed', describeError(error));
      } finally {
        turn.pending.length = 0;
      }
    },
  };
}

export class StoreDeadlineError extends Error {
  constructor(operation: string, ms: number) {
    super(`History ${operation} took longer than ${ms} ms`);
    this.name = 'StoreDeadlineError';
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreDeadlineError(operation, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
