import { HistoryStoreError, type HistoryChange, type HistoryStore, type StoreCallOptions, type VersionedHistory } from './history';

/**
 * How long one turn waits for each store call before going on without it. Alexa allows 8 s in all, but a turn
 * that both loads and saves against a hanging table waits load + save: 1.0 + 1.2 s keeps every turn under the
 * 3 s the skill promises (tests/robustness/faults.test.ts) with room for a busy container. The load deadline
 * equals the client's 1 s request timeout; fast failures (throttling, 5xx, refused) still get the SDK retry.
 * A forget ("yes, forget my history", or the skill being disabled) is the turn's only store call: 1.5 s.
 */
export const STORE_DEADLINE_MS = { load: 1000, save: 1200, forget: 1500 } as const;

type Operation = keyof typeof STORE_DEADLINE_MS;

/** A deadline in ms for each store call. */
export type StoreDeadlines = Readonly<Record<Operation, number>>;

/** One store call as the deadline store saw it: how long the turn waited, and how it ended. */
export interface StoreCallObservation {
  readonly operation: Operation;
  readonly ms: number;
  readonly outcome: 'ok' | 'failed' | 'deadline';
}

/** A store call ran past its deadline and was aborted. */
export class StoreDeadlineError extends HistoryStoreError {
  constructor(operation: Operation, ms: number) {
    super(operation, { message: `History ${operation} took longer than ${ms} ms` });
    this.name = 'StoreDeadlineError';
  }
}

/**
 * Every call to the inner store, with a deadline. At the deadline the call's AbortSignal fires, so the SDK
 * request is aborted and its socket closed (a table that answers a byte at a time never trips the client's
 * idle timeout); the caller gets a StoreDeadlineError at that moment even if the inner store were slow to
 * notice. No request outlives the turn that made it.
 */
export class DeadlineHistoryStore implements HistoryStore {
  constructor(
    private readonly inner: HistoryStore,
    private readonly deadlines: StoreDeadlines = STORE_DEADLINE_MS,
    /** Told of every call as it ends (the skill's metrics: latency and deadline hits). */
    private readonly observe: (call: StoreCallObservation) => void = () => undefined,
  ) {}

  load(userKey: string): Promise<VersionedHistory> {
    return this.run('load', (options) => this.inner.load(userKey, options));
  }

  save(userKey: string, change: HistoryChange, known: VersionedHistory): Promise<VersionedHistory> {
    return this.run('save', (options) => this.inner.save(userKey, change, known, options));
  }

  forget(userKey: string): Promise<void> {
    return this.run('forget', (options) => this.inner.forget(userKey, options));
  }

  private async run<T>(operation: Operation, call: (options: StoreCallOptions) => Promise<T>): Promise<T> {
    const ms = this.deadlines[operation];
    const started = performance.now();
    const observe = (outcome: StoreCallObservation['outcome']) => this.observe({ operation, ms: performance.now() - started, outcome });
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StoreDeadlineError(operation, ms);
        controller.abort(error);
        reject(error);
      }, ms);
    });
    try {
      const result = await Promise.race([call({ signal: controller.signal }), deadline]);
      observe('ok');
      return result;
    } catch (error) {
      observe(error instanceof StoreDeadlineError ? 'deadline' : 'failed');
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
