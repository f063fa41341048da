/**
 * What a turn means, decided in one place: pure functions from what happened to the metrics it adds. The
 * interceptor (lambda/metrics-interceptors.ts) gathers the facts; nothing here reads a clock, a store or the
 * network, and nothing from the request reaches a metric but its type, intent name and the cause slot's
 * resolution status (never the words heard, nor any id).
 */
import type { Request } from 'ask-sdk-model';
import { ROUTINE_STEPS } from './content/routine';
import { TURN_REQUESTS } from './history-interceptors';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from './intents';
import { HISTORY_LATENCY_METRIC, METRIC, routineStepMetric } from './metric-names';
import type { MetricPoint } from './metrics';
import type { Reply } from './replies';
import { resolveCause } from './slots';
import type { StoreCallObservation } from './state/deadline-store';
import type { SessionState } from './turn';

export interface TurnObservation {
  /** The request as Alexa sent it. */
  readonly request: Request;
  /**
   * What the listener's session held when the turn began: its offer and routine (none in a new session) and
   * the history the turn started from (read from the table in a new session). Undefined: nothing known.
   */
  readonly before?: SessionState;
  /** The reply the turn chose, as said in context (replies.inContext); undefined when none was (an error, an event). */
  readonly reply?: Reply;
  /** The session state after the reply. */
  readonly after?: SessionState;
  /** The turn's time (epoch ms): the time its history changes carry. */
  readonly now: number;
  /** The error handler answered the request. */
  readonly errorAnswered?: boolean;
}

const count = (name: MetricPoint['name'], topic?: MetricPoint['topic']): MetricPoint => ({ name, unit: 'Count', value: 1, ...(topic ? { topic } : {}) });

const LAST_STEP = ROUTINE_STEPS.length - 1;

/** The metrics one request adds (README "Running it" says what each means). */
export function turnMetrics(turn: TurnObservation): MetricPoint[] {
  const { request, before, reply } = turn;
  // Alexa closed the session (silence, "exit", an error on its side): mid-routine, the routine was abandoned.
  if (request.type === 'SessionEndedRequest') return before?.routine ? [count(METRIC.routineAbandoned)] : [];
  const errors = turn.errorAnswered ? [count(METRIC.errorAnswered)] : [];
  if (!TURN_REQUESTS.has(request.type)) return errors;

  const intent = request.type === 'IntentRequest' ? request.intent : undefined;
  const points = [count(METRIC.turns), ...errors];
  if (notUnderstood(intent)) points.push(count(METRIC.notUnderstood));
  if (!reply) return points;

  points.push(...routineMetrics(before, reply));
  if (before?.offer?.kind === 'relief') {
    if (startsRoutine(before, reply)) points.push(count(METRIC.reliefOfferAccepted));
    else if (intent?.name === BUILT_IN_INTENTS.no) points.push(count(METRIC.reliefOfferDeclined));
  }
  const topic = topicOpened(turn);
  if (topic) points.push(count(METRIC.topicAsked, topic));
  points.push(...reminderMetrics(turn, intent?.name));
  return points;
}

/** Alexa's fallback, or a cause question whose cause resolved to none the article covers. */
function notUnderstood(intent: { name?: string; slots?: unknown } | undefined): boolean {
  if (intent?.name === BUILT_IN_INTENTS.fallback) return true;
  return intent?.name === CUSTOM_INTENTS.causeDetail && resolveCause(intent as Parameters<typeof resolveCause>[0]).status === 'noMatch';
}

/** The routine step the reply speaks (a step, a wait on one, the last one), if it speaks one. */
function spokenStep(reply: Reply): number | undefined {
  return reply.about && 'step' in reply.about ? reply.about.step : undefined;
}

function startsRoutine(before: SessionState | undefined, reply: Reply): boolean {
  return !before?.routine && spokenStep(reply) === 0;
}

/**
 * A step counts when the routine moves forward onto it (a start, "next"); a repeat, a wait, going back to
 * the step after a question, "previous" or "start over" mid-routine do not. (Previous then next counts the
 * step again.) Abandoned: the routine was under way and this reply ends it, or the session, before the last
 * step; RoutineStopped is the part where the listener said stop.
 */
function routineMetrics(before: SessionState | undefined, reply: Reply): MetricPoint[] {
  const at = before?.routine?.step;
  const step = spokenStep(reply);
  const points: MetricPoint[] = [];
  if (step !== undefined && (at === undefined ? step === 0 : step > at)) points.push(count(routineStepMetric(step)));
  const sessionEnds = !reply.ask || !!reply.permission;
  if (at !== undefined && step !== LAST_STEP && (reply.routine === 'end' || sessionEnds)) {
    points.push(count(METRIC.routineAbandoned));
    if (reply.routine === 'end') points.push(count(METRIC.routineStopped));
  }
  return points;
}

/**
 * The topic whose first answer this turn gave: the one history records as heard at this turn's time (the
 * only change that does is a topic's summary, state/changes.ts visitTopic). The relief routine is counted
 * when it starts, not again as each step returns to it.
 */
function topicOpened({ before, reply, after, now }: TurnObservation): MetricPoint['topic'] {
  if (reply && startsRoutine(before, reply)) return 'RELIEF_ROUTINE';
  const heard = after?.history.recent.find((entry) => entry.at === now && entry.topic !== 'RELIEF_ROUTINE');
  return heard?.topic;
}

/**
 * Set: history holds a reminder token it did not hold before (a new reminder, or one moved), except when
 * "do I have a reminder" only found an existing one. Cancelled: the cancel request changed history (the
 * reminder was deleted, or was already gone); a failure or "you have none" changes nothing.
 */
function reminderMetrics({ before, after, reply }: TurnObservation, intent: string | undefined): MetricPoint[] {
  const points: MetricPoint[] = [];
  const token = after?.history.reminder;
  if (token && token !== before?.history.reminder && intent !== CUSTOM_INTENTS.checkStretchReminder) points.push(count(METRIC.reminderSet));
  if (intent === CUSTOM_INTENTS.cancelStretchReminder && reply?.change) points.push(count(METRIC.reminderCancelled));
  return points;
}

/** A history store call's latency, and whether its deadline cut it off. */
export function storeCallMetrics(call: StoreCallObservation): MetricPoint[] {
  const latency: MetricPoint = { name: HISTORY_LATENCY_METRIC[call.operation], unit: 'Milliseconds', value: Math.round(call.ms * 10) / 10 };
  return call.outcome === 'deadline' ? [latency, count(METRIC.historyDeadlineHits)] : [latency];
}
