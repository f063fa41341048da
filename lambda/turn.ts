import type { HandlerInput } from 'ask-sdk-core';
import { TOPIC_IDS, type TopicId } from './content/types';
import { EMPTY_HISTORY, sanitizeHistory, type HistoryChange, type UserHistory, type VersionedHistory } from './state/history';

/**
 * What a yes means next turn. Kept in session attributes only; a new session starts without one.
 */
export type Offer =
  | { readonly kind: 'more'; readonly topic: TopicId }
  | { readonly kind: 'topic'; readonly topic: TopicId }
  | { readonly kind: 'resume'; readonly topic: TopicId }
  | { readonly kind: 'routineNext' }
  | { readonly kind: 'forget' };

/** Session attributes, as the skill reads and writes them. */
export interface SessionState {
  readonly history: UserHistory;
  /** The stored version this session last read or wrote (0 = nothing stored). */
  readonly version: number;
  readonly offer?: Offer;
}

/** One request's working state, kept in request attributes. */
export interface Turn {
  /** Hash of the Alexa user id; absent when the request carries no user. */
  readonly userKey?: string;
  /** What the session knew when the turn started: the base for a conditional write. */
  readonly base: VersionedHistory;
  /** Changes this turn made, persisted once by the response interceptor. */
  readonly pending: HistoryChange[];
  readonly now: number;
  state: SessionState;
}

const TURN_ATTRIBUTE = 'turn';
const STATE_ATTRIBUTE = 'state';

export function turnOf(input: HandlerInput): Turn {
  const turn = input.attributesManager.getRequestAttributes()[TURN_ATTRIBUTE] as Turn | undefined;
  if (!turn) throw new Error('No turn state: the history interceptor did not run for this request');
  return turn;
}

export function setTurn(input: HandlerInput, turn: Turn): void {
  input.attributesManager.setRequestAttributes({ ...input.attributesManager.getRequestAttributes(), [TURN_ATTRIBUTE]: turn });
}

export function hasTurn(input: HandlerInput): boolean {
  return !!input.attributesManager.getRequestAttributes()[TURN_ATTRIBUTE];
}

/** The session state carried in from the last turn, or undefined when the session has none (a new one). */
export function readSessionState(input: HandlerInput): SessionState | undefined {
  const raw = input.requestEnvelope.session?.attributes?.[STATE_ATTRIBUTE];
  if (!raw || typeof raw !== 'object') return undefined;
  return sanitizeSessionState(raw);
}

export function writeSessionState(input: HandlerInput, state: SessionState): void {
  // A request without a session (malformed; Alexa always sends one with speech requests) has nowhere to keep it.
  if (!input.requestEnvelope.session) return;
  input.attributesManager.setSessionAttributes({ [STATE_ATTRIBUTE]: state });
}

const TOPICS = new Set<string>(TOPIC_IDS);

/** Session attributes come back from the device: keep only what this version of the skill understands. */
export function sanitizeSessionState(raw: object): SessionState {
  const r = raw as Record<string, unknown>;
  // The next write stores version + 1, which must still be a safe integer for the DynamoDB marshaller.
  const version = Number.isSafeInteger(r.version) && (r.version as number) >= 0 && (r.version as number) < Number.MAX_SAFE_INTEGER ? (r.version as number) : 0;
  const offer = sanitizeOffer(r.offer);
  return { history: r.history === undefined ? EMPTY_HISTORY : sanitizeHistory(r.history), version, ...(offer ? { offer } : {}) };
}

function sanitizeOffer(raw: unknown): Offer | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  switch (o.kind) {
    case 'routineNext':
    case 'forget':
      return { kind: o.kind };
    case 'more':
    case 'topic':
    case 'resume':
      return typeof o.topic === 'string' && TOPICS.has(o.topic) ? { kind: o.kind, topic: o.topic as TopicId } : undefined;
    default:
      return undefined;
  }
}
