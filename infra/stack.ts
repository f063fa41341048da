import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AlarmTopic } from './alarm-topic';
import { SkillAlarms } from './alarms';
import { dashboardName, SkillDashboard } from './dashboard';
import { HistoryTable } from './history-table';
import { SkillEndpoint } from './skill-endpoint';
import { SkillFunction } from './skill-function';

export interface LegCrampSkillStackProps extends StackProps {
  /** Validated amzn1.ask.skill.<uuid> (see requireSkillId in infra/app.ts). */
  readonly skillId: string;
  /** Optional address subscribed to the alarm topic (cdk.json context "alarmEmail"). */
  readonly alarmEmail?: string;
}

/** The names of the outputs `npm run deploy` reads from `cdk deploy --outputs-file`. */
export const STACK_OUTPUTS = {
  skillEndpointArn: 'SkillEndpointArn',
  historyTableName: 'HistoryTableName',
  alarmTopicArn: 'AlarmTopicArn',
  dashboardUrl: 'DashboardUrl',
} as const;

/**
 * Everything one Alexa endpoint region needs, on its own: the function behind a `live` alias that only this
 * skill may invoke, the history table of the listeners served here, alarms to one topic, and a dashboard.
 */
export class LegCrampSkillStack extends Stack {
  readonly history: HistoryTable;
  readonly skill: SkillFunction;
  readonly endpoint: SkillEndpoint;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: SkillAlarms;
  readonly dashboard: SkillDashboard;

  constructor(scope: Construct, id: string, props: LegCrampSkillStackProps) {
    super(scope, id, props);
    this.history = new HistoryTable(this, 'History');
    this.skill = new SkillFunction(this, 'Skill', { table: this.history.table, skillId: props.skillId });
    this.endpoint = new SkillEndpoint(this, 'Endpoint', { version: this.skill.fn.currentVersion, skillId: props.skillId });
    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { email: props.alarmEmail });
    this.alarms = new SkillAlarms(this, 'Alarms', { fn: this.skill.fn, table: this.history.table, topic: this.alarmTopic.topic });
    this.dashboard = new SkillDashboard(this, 'Dashboard', { fn: this.skill.fn, table: this.history.table, notUnderstoodAlarm: this.alarms.notUnderstood });

    new CfnOutput(this, STACK_OUTPUTS.skillEndpointArn, {
      value: this.endpoint.alias.functionArn,
      description: 'The skill endpoint (the live alias): npm run deploy puts it in the skill package',
    });
    new CfnOutput(this, STACK_OUTPUTS.historyTableName, {
      value: this.history.table.tableName,
      description: 'DynamoDB table holding per-user history',
    });
    new CfnOutput(this, STACK_OUTPUTS.dashboardUrl, {
      value: `https://${this.region}.console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${dashboardName(this.region)}`,
      description: 'How listeners fare in this region: the routine funnel, turns not understood, errors, latency',
    });
    new CfnOutput(this, STACK_OUTPUTS.alarmTopicArn, {
      value: this.alarmTopic.topic.topicArn,
      description: 'SNS topic every alarm notifies: subscribe your pager or chat here',
    });
  }
}
