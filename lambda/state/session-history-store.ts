import { EMPTY_HISTORY, type HistoryStore, type VersionedHistory } from './history';

/**
 * For running without a table (HISTORY_TABLE_NAME unset): nothing outlives the session, whose
 * attributes carry the state between turns.
 */
export class SessionOnlyHistoryStore implements HistoryStore {
  constructor(private readonly now: () => number = Date.now) {}

  async load(): Promise<VersionedHistory> {
    return { history: EMPTY_HISTORY, version: 0 };
  }

  async save(_userKey: string, change: Parameters<HistoryStore['save']>[1], known: VersionedHistory): Promise<VersionedHistory> {
    return { history: change(known.history, this.now()), version: known.version };
  }

  async forget(): Promise<void> {}
}
