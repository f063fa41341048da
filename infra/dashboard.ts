import { Duration, Stack } from 'aws-cdk-lib';
import { AlarmWidget, Dashboard, GraphWidget, HorizontalAnnotation, IAlarm, SingleValueWidget, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { METRIC, routineStepMetric } from '../lambda/metric-names';
import { HISTORY_TABLE_ACTIONS } from './skill-function';
import { NOT_UNDERSTOOD_ALARM, notUnderstoodShare, routineCompletionShare, skillMetric, topicsAsked } from './listener-metrics';

export interface SkillDashboardProps {
  readonly fn: IFunction;
  readonly table: ITableV2;
  /** Shown on the dashboard beside the share it watches. */
  readonly notUnderstoodAlarm: IAlarm;
}

/** The name says the region: CloudWatch dashboard names are one namespace per account. */
export function dashboardName(region: string): string {
  return `LegCrampHelper-${region}`;
}

/**
 * How listeners fare in this region, on one page (README "Running it" says how to read it): the relief
 * routine's funnel, the share of turns not understood, errors, duration p99, the history table's latency and
 * throttles, and the topics asked.
 */
export class SkillDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: SkillDashboardProps) {
    super(scope, id);
    const hour = Duration.hours(1);
    const fiveMinutes = Duration.minutes(5);
    const operations = HISTORY_TABLE_ACTIONS.map((a) => a.replace('dynamodb:', '') as Operation);
    const region = Stack.of(this).region;

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: dashboardName(region),
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          `## Leg Cramp Helper, ${region}\n` +
          'Listeners in this Alexa region. Funnel: routines started → reached step two → completed. ' +
          'When the not-understood alarm fires, read the Alexa developer console\'s intent history and add samples ' +
          'to interaction-models/source.ts (README "Running it").',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Relief routine funnel (per hour)',
        left: [
          skillMetric(METRIC.routineStarted, { label: 'started' }),
          skillMetric(routineStepMetric(1), { label: 'reached step two' }),
          skillMetric(METRIC.routineCompleted, { label: 'completed' }),
          skillMetric(METRIC.routineAbandoned, { label: 'abandoned' }),
        ],
        width: 12,
      }),
      new SingleValueWidget({
        title: 'Routines completed (% of started, last day)',
        metrics: [routineCompletionShare(Duration.days(1))],
        width: 6,
      }),
      new SingleValueWidget({
        title: 'Relief offer (last day)',
        metrics: [
          skillMetric(METRIC.reliefOfferAccepted, { period: Duration.days(1), label: 'accepted' }),
          skillMetric(METRIC.reliefOfferDeclined, { period: Duration.days(1), label: 'declined' }),
        ],
        width: 6,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Turns not understood (% per hour)',
        left: [notUnderstoodShare(hour)],
        leftAnnotations: [{ value: NOT_UNDERSTOOD_ALARM.thresholdPercent, label: 'alarm (with enough turns)' } satisfies HorizontalAnnotation],
        right: [skillMetric(METRIC.turns, { label: 'turns' })],
        width: 12,
      }),
      new AlarmWidget({ title: 'Not-understood alarm', alarm: props.notUnderstoodAlarm, width: 12 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Errors',
        left: [
          skillMetric(METRIC.errorAnswered, { period: fiveMinutes, label: 'answered with an apology' }),
          props.fn.metricErrors({ period: fiveMinutes, statistic: 'Sum', label: 'function failed' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Duration p99 (ms)',
        left: [props.fn.metricDuration({ period: fiveMinutes, statistic: 'p99', label: 'function p99' })],
        right: [skillMetric(METRIC.coldStart, { period: fiveMinutes, label: 'cold starts' })],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'History table latency (ms)',
        left: [
          skillMetric(METRIC.historyLoadLatency, { statistic: 'p99', period: fiveMinutes, label: 'read, as the turn waited (p99)' }),
          skillMetric(METRIC.historySaveLatency, { statistic: 'p99', period: fiveMinutes, label: 'write, as the turn waited (p99)' }),
          ...operations.map((operation) =>
            props.table.metricSuccessfulRequestLatency({ dimensionsMap: { Operation: operation }, period: fiveMinutes, statistic: 'Average', label: `${operation} (DynamoDB, avg)` }),
          ),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'History table throttles and deadline hits',
        left: [
          props.table.metricThrottledRequestsForOperations({ operations, period: fiveMinutes, label: 'throttled requests' }),
          skillMetric(METRIC.historyDeadlineHits, { period: fiveMinutes, label: 'deadline hits' }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Topics asked (per hour)', left: [topicsAsked(hour)], width: 12 }),
      new GraphWidget({
        title: 'Stretch reminders (per hour)',
        left: [skillMetric(METRIC.reminderSet, { label: 'set' }), skillMetric(METRIC.reminderCancelled, { label: 'cancelled' })],
        width: 12,
      }),
    );
  }
}
