import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SkillAlarms } from './alarms';
import { HistoryTable } from './history-table';
import { SkillFunction } from './skill-function';

export interface LegCrampSkillStackProps extends StackProps {
  /** Validated amzn1.ask.skill.<uuid> (see requireSkillId in infra/app.ts). */
  readonly skillId: string;
}

export class LegCrampSkillStack extends Stack {
  readonly history: HistoryTable;
  readonly skill: SkillFunction;
  readonly alarms: SkillAlarms;

  constructor(scope: Construct, id: string, props: LegCrampSkillStackProps) {
    super(scope, id, props);
    this.history = new HistoryTable(this, 'History');
    this.skill = new SkillFunction(this, 'Skill', { table: this.history.table, skillId: props.skillId });
    this.alarms = new SkillAlarms(this, 'Alarms', { fn: this.skill.fn, table: this.history.table });

    new CfnOutput(this, 'FunctionArn', {
      value: this.skill.fn.functionArn,
      description: 'The skill endpoint: `npm run package -- --arn <this>` or paste it in the developer console',
    });
    new CfnOutput(this, 'HistoryTableName', {
      value: this.history.table.tableName,
      description: 'DynamoDB table holding per-user history',
    });
  }
}
