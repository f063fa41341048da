import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ITableV2, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { NOT_UNDERSTOOD_ALARM, notUnderstoodShare } from './listener-metrics';
import { HISTORY_TABLE_ACTIONS } from './skill-function';

/** p99 latency above this means users are close to Alexa's 8 s limit (and the 7 s timeout). */
export const P99_DURATION_THRESHOLD_MS = 3000;

export interface SkillAlarmsProps {
  readonly fn: IFunction;
  readonly table: ITableV2;
  /** Every alarm notifies this topic when it fires and when it recovers. */
  readonly topic: ITopic;
}

/** CloudWatch alarms for the skill, each notifying the alarm topic on ALARM and on OK. */
export class SkillAlarms extends Construct {
  readonly functionErrors: Alarm;
  readonly functionThrottles: Alarm;
  readonly functionP99Duration: Alarm;
  readonly tableThrottles: Alarm;
  readonly tableSystemErrors: Alarm;
  /** Listeners are not understood: the share of turns over an hour, once there are enough turns to mean something. */
  readonly notUnderstood: Alarm;

  constructor(scope: Construct, id: string, props: SkillAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const anyOccurrence = (alarmId: string, metric: IMetric, description: string) =>
      new Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });

    this.functionErrors = anyOccurrence(
      'FunctionErrors',
      props.fn.metricErrors({ period, statistic: 'Sum' }),
      'The skill function failed (Alexa said "There was a problem with the requested skill\'s response").',
    );
    this.functionThrottles = anyOccurrence(
      'FunctionThrottles',
      props.fn.metricThrottles({ period, statistic: 'Sum' }),
      'The skill function was throttled: users got no answer.',
    );
    this.functionP99Duration = new Alarm(this, 'FunctionP99Duration', {
      metric: props.fn.metricDuration({ period, statistic: 'p99' }),
      threshold: P99_DURATION_THRESHOLD_MS,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: `p99 duration above ${P99_DURATION_THRESHOLD_MS} ms: responses are getting close to Alexa's 8 s limit.`,
    });

    // The operations the store performs (same list as the IAM grant).
    const operations = HISTORY_TABLE_ACTIONS.map((a) => a.replace('dynamodb:', '') as Operation);
    this.tableThrottles = anyOccurrence(
      'TableThrottles',
      props.table.metricThrottledRequestsForOperations({ operations, period }),
      'DynamoDB throttled history table requests.',
    );
    this.tableSystemErrors = anyOccurrence(
      'TableSystemErrors',
      props.table.metricSystemErrorsForOperations({ operations, period }),
      'DynamoDB returned system (5xx) errors for the history table.',
    );

    const { thresholdPercent, minimumTurns, period: hour } = NOT_UNDERSTOOD_ALARM;
    this.notUnderstood = new Alarm(this, 'NotUnderstood', {
      metric: notUnderstoodShare(hour, minimumTurns),
      threshold: thresholdPercent,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription:
        `More than ${thresholdPercent}% of an hour's turns (with at least ${minimumTurns} turns) were not understood ` +
        '(AMAZON.FallbackIntent, or a cause the article does not cover). Read the intent history in the Alexa developer ' +
        'console and add what listeners said as samples in interaction-models/source.ts (README "Running it").',
    });

    const notify = new SnsAction(props.topic);
    for (const alarm of this.all()) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
  }

  all(): Alarm[] {
    return [this.functionErrors, this.functionThrottles, this.functionP99Duration, this.tableThrottles, this.tableSystemErrors, this.notUnderstood];
  }
}
