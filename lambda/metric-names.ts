/**
 * The skill's CloudWatch metrics, named once: the skill emits them (lambda/turn-metrics.ts, lambda/metrics.ts)
 * and each regional stack's dashboard and alarms read them (infra/listener-metrics.ts). README "Running it"
 * says what each one means.
 */
import { ROUTINE_STEPS } from './content/routine';

export const METRICS_NAMESPACE = 'LegCrampHelper';

/** Powertools adds it to every metric as the `service` dimension (the logger's service name too). */
export const METRICS_SERVICE = 'leg-cramp-helper';

/** The one dimension a metric may carry besides `service`: a topic id (lambda/content/types.ts). */
export const TOPIC_DIMENSION = 'topic';

export const METRIC = {
  /** A request a listener waits on: launch, intent, screen touch, the permission answer. The base of every share. */
  turns: 'Turns',
  /** AMAZON.FallbackIntent, or a cause the article does not cover. */
  notUnderstood: 'NotUnderstood',
  /** The relief routine's first step spoken when no routine was under way. */
  routineStarted: 'RoutineStarted',
  /** Its last step spoken (which ends the routine). */
  routineCompleted: 'RoutineCompleted',
  /** The session ended, or the listener stopped, before the last step. */
  routineAbandoned: 'RoutineAbandoned',
  /** The part of RoutineAbandoned where the listener said stop (or cancel). */
  routineStopped: 'RoutineStopped',
  reliefOfferAccepted: 'ReliefOfferAccepted',
  reliefOfferDeclined: 'ReliefOfferDeclined',
  /** A topic's first answer, with the TOPIC_DIMENSION. */
  topicAsked: 'TopicAsked',
  reminderSet: 'ReminderSet',
  reminderCancelled: 'ReminderCancelled',
  /** The error handler answered (an apology, or a silent answer where nothing may be said). */
  errorAnswered: 'ErrorAnswered',
  historyLoadLatency: 'HistoryLoadLatency',
  historySaveLatency: 'HistorySaveLatency',
  historyForgetLatency: 'HistoryForgetLatency',
  /** A history store call aborted at its deadline (lambda/state/deadline-store.ts). */
  historyDeadlineHits: 'HistoryDeadlineHits',
  /** The first invocation of a container. */
  coldStart: 'ColdStart',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC] | `RoutineStep${number}`;

/**
 * The metric counting arrivals at routine step `index` (0-based). The first step is RoutineStarted and the
 * last RoutineCompleted; the ones between are RoutineStep2 ... RoutineStep4 (their numbers as spoken).
 * A metric per step rather than a step dimension: a turn's metrics then share one dimension set and stay
 * one EMF line, and the dashboard's funnel is plain metrics, no dimension search.
 */
export function routineStepMetric(index: number): MetricName {
  if (index <= 0) return METRIC.routineStarted;
  if (index >= ROUTINE_STEPS.length - 1) return METRIC.routineCompleted;
  return `RoutineStep${index + 1}`;
}

export const HISTORY_LATENCY_METRIC = {
  load: METRIC.historyLoadLatency,
  save: METRIC.historySaveLatency,
  forget: METRIC.historyForgetLatency,
} as const;
