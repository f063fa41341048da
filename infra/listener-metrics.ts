import { Duration } from 'aws-cdk-lib';
import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE, TOPIC_DIMENSION, type MetricName } from '../lambda/metric-names';

/**
 * The skill's own metrics (lambda/metric-names.ts: EMF lines its function writes) as CloudWatch metrics, for
 * the dashboard and the alarms of a regional stack. Each region's metrics are its own: CloudWatch keeps them
 * in the region whose log group received the lines.
 */
export function skillMetric(name: MetricName, options: { statistic?: string; period?: Duration; label?: string } = {}): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRICS_SERVICE },
    statistic: options.statistic ?? 'Sum',
    period: options.period ?? Duration.hours(1),
    ...(options.label ? { label: options.label } : {}),
  });
}

/**
 * When the share of turns not understood pages someone: above THRESHOLD_PERCENT over an hour with at least
 * MINIMUM_TURNS turns. Below that many turns the share is set to 0 (two turns at 4 a.m., one a fallback, are
 * 50% and mean nothing). The local NLU's held-out rates (README) put a healthy share well under 10%.
 */
export const NOT_UNDERSTOOD_ALARM = { thresholdPercent: 20, minimumTurns: 30, period: Duration.hours(1) } as const;

/** 100 × NotUnderstood / Turns per period; with `minimumTurns`, 0 for a period with fewer turns than that. */
export function notUnderstoodShare(period: Duration, minimumTurns = 0): MathExpression {
  const share = '100 * FILL(notUnderstood, 0) / FILL(turns, 0)';
  return new MathExpression({
    expression: minimumTurns > 0 ? `IF(FILL(turns, 0) >= ${minimumTurns}, ${share}, 0)` : share,
    usingMetrics: {
      turns: skillMetric(METRIC.turns, { period }),
      notUnderstood: skillMetric(METRIC.notUnderstood, { period }),
    },
    period,
    label: minimumTurns > 0 ? `Turns not understood, % (0 under ${minimumTurns} turns)` : 'Turns not understood, %',
  });
}

/** Relief routines completed per routine started, in %. */
export function routineCompletionShare(period: Duration): MathExpression {
  return new MathExpression({
    expression: '100 * FILL(completed, 0) / started',
    usingMetrics: {
      started: skillMetric(METRIC.routineStarted, { period }),
      completed: skillMetric(METRIC.routineCompleted, { period }),
    },
    period,
    label: 'Routines completed, % of started',
  });
}

/** TopicAsked for every topic id seen (a search over the topic dimension). */
export function topicsAsked(period: Duration): MathExpression {
  return new MathExpression({
    expression: `SEARCH('{${METRICS_NAMESPACE},service,${TOPIC_DIMENSION}} MetricName="${METRIC.topicAsked}" service="${METRICS_SERVICE}"', 'Sum', ${period.toSeconds()})`,
    usingMetrics: {},
    period,
    label: '',
  });
}
