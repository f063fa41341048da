/**
 * The BASELINE: our handlers (createHandlers) wired the conventional way Amazon's guides show, with
 * ask-sdk's persistence adapter and attributes manager:
 *
 *   - a request interceptor calls `attributesManager.getPersistentAttributes()` on every spoken request
 *     (LaunchRequest / IntentRequest), i.e. one GetItem per request;
 *   - a response interceptor calls `setPersistentAttributes()` + `savePersistentAttributes()` on every
 *     spoken request, i.e. one unconditional full-item PutItem per request, changed or not.
 *
 * The persistent attributes are the plain state object, `{ history: UserHistory }` (no compact encoding,
 * no version, no TTL), as conventional skills store them. The offer ("yes" means ...) stays in the
 * session attributes, as in our skill, so both sides answer every request identically.
 *
 * This file must not import the AWS SDK: the in-memory variant (warm turns without a table) uses it too.
 */
import { getRequestType, SkillBuilders, type PersistenceAdapter, type RequestInterceptor, type ResponseInterceptor, type Skill } from 'ask-sdk-core';
import type { RequestEnvelope } from 'ask-sdk-model';
import { createErrorHandler } from '../../lambda/handlers/error-handler';
import type { Log } from '../../lambda/log';
import { describeError } from '../../lambda/log';
import { createHandlers } from '../../lambda/skill';
import { EMPTY_HISTORY, sanitizeHistory, userKey, type HistoryStore, type VersionedHistory } from '../../lambda/state/history';
import { hasTurn, readSessionState, setTurn, turnOf, writeSessionState, type SessionState } from '../../lambda/turn';

/**
 * The adapter's partition key: the same hashed user key our skill uses (64 hex characters), so both
 * sides store items under keys of the same size and "forget" addresses the same key.
 */
export function baselinePartitionKey(envelope: RequestEnvelope): string {
  const userId = envelope.context?.System?.user?.userId;
  if (typeof userId === 'string' && userId) return userKey(userId);
  throw new Error('Cannot generate a partition key: the request has no user id');
}

/** What the baseline keeps in persistent attributes. */
export interface BaselineAttributes {
  history?: unknown;
}

export interface BaselineDeps {
  readonly adapter: PersistenceAdapter;
  /** Deletes a user's item by partition key (createHandlers' forget paths call HistoryStore.forget(userKey)). */
  readonly deleteKey: (partitionKey: string) => Promise<void>;
  readonly log: Log;
  readonly skillId?: string;
  readonly now?: () => number;
}

/**
 * The HistoryStore our handlers are given: only `forget` is used by them (ForgetConfirmed, SkillDisabled);
 * reads and writes go through the attributes manager in the interceptors below.
 */
export class AdapterHistoryStore implements HistoryStore {
  constructor(private readonly deleteKey: (partitionKey: string) => Promise<void>) {}

  async load(): Promise<VersionedHistory> {
    throw new Error('The baseline reads history through attributesManager.getPersistentAttributes()');
  }

  async save(): Promise<VersionedHistory> {
    throw new Error('The baseline writes history through attributesManager.savePersistentAttributes()');
  }

  forget(key: string): Promise<void> {
    return this.deleteKey(key);
  }
}

function isSpoken(envelope: RequestEnvelope): boolean {
  const type = getRequestType(envelope);
  return type === 'LaunchRequest' || type === 'IntentRequest';
}

/** Every spoken request: read the persistent attributes (one GetItem), then set up our handlers' Turn. */
export function createLoadAttributesInterceptor(log: Log, now: () => number): RequestInterceptor {
  return {
    async process(input) {
      if (!isSpoken(input.requestEnvelope)) return;
      const userId = input.requestEnvelope.context?.System?.user?.userId;
      const key = typeof userId === 'string' && userId ? userKey(userId) : undefined;
      let history = EMPTY_HISTORY;
      if (key) {
        try {
          const attributes = (await input.attributesManager.getPersistentAttributes()) as BaselineAttributes;
          history = sanitizeHistory(attributes.history);
        } catch (error) {
          log.warn('history_load_failed', describeError(error));
        }
      }
      const session = input.requestEnvelope.session?.new ? undefined : readSessionState(input);
      // The session's own context (the offer, the routine under way) comes from its attributes, as in our skill.
      const state: SessionState = { ...session, history, version: 0 };
      writeSessionState(input, state);
      setTurn(input, { ...(key ? { userKey: key } : {}), base: { history, version: 0 }, pending: [], now: now(), state });
    },
  };
}

/** Every spoken request: write the whole state back (one PutItem), whether the turn changed it or not. */
export function createSaveAttributesInterceptor(log: Log): ResponseInterceptor {
  return {
    async process(input) {
      if (!hasTurn(input)) return;
      const turn = turnOf(input);
      if (!turn.userKey) return;
      try {
        const attributes: BaselineAttributes = { history: turn.state.history };
        input.attributesManager.setPersistentAttributes(attributes as Record<string, unknown>);
        await input.attributesManager.savePersistentAttributes();
      } catch (error) {
        log.error('history_save_failed', describeError(error));
      } finally {
        turn.pending.length = 0;
      }
    },
  };
}

export function buildBaselineSkill(deps: BaselineDeps): Skill {
  const now = deps.now ?? Date.now;
  const store = new AdapterHistoryStore(deps.deleteKey);
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...createHandlers({ store, log: deps.log, now }))
    .addRequestInterceptors(createLoadAttributesInterceptor(deps.log, now))
    .addResponseInterceptors(createSaveAttributesInterceptor(deps.log))
    .addErrorHandlers(createErrorHandler(deps.log))
    .withPersistenceAdapter(deps.adapter)
    .withCustomUserAgent('leg-cramp-helper');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return builder.create();
}
