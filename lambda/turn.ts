import type { HandlerInput } from 'ask-sdk-core';
import { ROUTINE_STEPS } from './content/routine';
import { MUSCLE_IDS, TOPIC_IDS, type MuscleId, type TopicId } from './content/types';
import { EMPTY_HISTORY, sanitizeHistory, type HistoryChange, type UserHistory, type VersionedHistory } from './state/history';

/**
 * What a yes means next turn. Kept in session attributes only; a new session starts without one.
 * - more: the next deeper part of `topic`; topic: `topic`'s summary;
 * - relief: the launch offer ("Do you have a cramp right now?"): yes starts the routine, no keeps listening;
 * - routineNext: the routine's next step; routineResume: back to the step the listener left for a question;
 *   routineRepeat: the current step again (offered when the cramp is not easing);
 * - forget: delete the listener's history;
 * - reminderEvening: a reminder time said without a.m. or p.m. ("at ten", "10:00"): yes sets it in the
 *   evening, no in the morning.
 */
export type Offer =
  | { readonly kind: 'more'; readonly topic: TopicId }
  | { readonly kind: 'topic'; readonly topic: TopicId }
  | { readonly kind: 'relief' }
  | { readonly kind: 'routineNext' }
  | { readonly kind: 'routineResume' }
  | { readonly kind: 'routineRepeat' }
  | { readonly kind: 'forget' }
  | { readonly kind: 'reminderEvening'; readonly time: string };

/**
 * The relief routine under way in this session. While it is set, what the listener says is read in the
 * routine's context (replies.routineModeReply). Session-scoped: a new session never starts mid-routine.
 */
export interface RoutineMode {
  /** Index of the step last spoken. */
  readonly step: number;
  /**
   * Where the cramp is, when the listener said so: step one is that muscle's stretch. Kept in the session
   * only, never in history.
   */
  readonly muscle?: MuscleId;
}

/** Session attributes, as the skill reads and writes them. */
export interface SessionState {
  readonly history: UserHistory;
  /** The stored version this session last read or wrote (0 = nothing stored). */
  readonly version: number;
  readonly offer?: Offer;
  readonly routine?: RoutineMode;
  /** The device's time zone was asked for in this session (lambda/time-zone.ts): never more than once. */
  readonly timeZoneAsked?: true;
  /**
   * What this session had read was forgotten on another device after it read it (HistoryForgottenError, or a
   * re-read that found the item gone): from then on the session keeps its history to itself and writes nothing,
   * so the forget wins. Its next session starts from the table as usual.
   */
  readonly forgotten?: true;
}

/** One request's working state, kept in request attributes. */
export interface Turn {
  /** Hash of the Alexa user id; absent when the request carries no user. */
  readonly userKey?: string;
  /** What the session knew when the turn started (or re-read during it): the base for a conditional write. */
  base: VersionedHistory;
  /** Changes this turn made, persisted once by the response interceptor. */
  readonly pending: HistoryChange[];
  readonly now: number;
  state: SessionState;
  /** The voice of the hour (lambda/time-zone.ts): false by day where the listener is; night when absent. */
  night?: boolean;
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
  const routine = sanitizeRoutine(r.routine);
  return {
    history: r.history === undefined ? EMPTY_HISTORY : sanitizeHistory(r.history),
    version,
    ...(offer ? { offer } : {}),
    ...(routine ? { routine } : {}),
    ...(r.timeZoneAsked === true ? { timeZoneAsked: true as const } : {}),
    ...(r.forgotten === true ? { forgotten: true as const } : {}),
  };
}

const MUSCLES = new Set<string>(MUSCLE_IDS);

function sanitizeRoutine(raw: unknown): RoutineMode | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { step, muscle } = raw as Record<string, unknown>;
  if (!Number.isInteger(step) || (step as number) < 0 || (step as number) >= ROUTINE_STEPS.length) return undefined;
  return typeof muscle === 'string' && MUSCLES.has(muscle) ? { step: step as number, muscle: muscle as MuscleId } : { step: step as number };
}

function sanitizeOffer(raw: unknown): Offer | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const o = raw as Record<string, unknown>;
  switch (o.kind) {
    case 'relief':
    case 'routineNext':
    case 'routineResume':
    case 'routineRepeat':
    case 'forget':
      return { kind: o.kind };
    case 'more':
    case 'topic':
      return typeof o.topic === 'string' && TOPICS.has(o.topic) ? { kind: o.kind, topic: o.topic as TopicId } : undefined;
    case 'reminderEvening':
      return typeof o.time === 'string' && /^(0\d|1[01]):[0-5]\d$/.test(o.time) ? { kind: o.kind, time: o.time } : undefined;
    default:
      return undefined;
  }
}
