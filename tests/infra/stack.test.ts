import { Match, Template } from 'aws-cdk-lib/assertions';
import { HISTORY_TABLE_KEY, HISTORY_TTL_ATTRIBUTE } from '../../lambda/state/history-table';
import { LegCrampSkillStack } from '../../infra/stack';
import { TEST_SKILL_ID, testApp } from './helpers';

let template: Template;

beforeAll(() => {
  // Bundling runs esbuild once here; every test reads the same template.
  const stack = new LegCrampSkillStack(testApp(), 'TestStack', { skillId: TEST_SKILL_ID });
  template = Template.fromStack(stack);
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Sid?: string };

function allStatements(): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
  );
}

const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

describe('skill function', () => {
  test('runs on nodejs24.x', () => {
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ Runtime: 'nodejs24.x' }));
  });

  test('runs on arm64', () => {
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ Architectures: ['arm64'] }));
  });

  test('times out at 7 s, under Alexa 8 s limit', () => {
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ Timeout: 7 }));
  });

  test('sets a memory size explicitly', () => {
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ MemorySize: Match.anyValue() }));
  });

  test('gets the table name, skill id and source maps through the environment', () => {
    template.hasResourceProperties(
      'AWS::Lambda::Function',
      Match.objectLike({
        Environment: {
          Variables: {
            HISTORY_TABLE_NAME: { Ref: Match.stringLikeRegexp('HistoryTable') },
            SKILL_ID: TEST_SKILL_ID,
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      }),
    );
  });

  test('logs to its own log group', () => {
    template.hasResourceProperties(
      'AWS::Lambda::Function',
      Match.objectLike({ LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('SkillLogs') } } }),
    );
  });
});

describe('alexa trigger', () => {
  test('only the Alexa service principal may invoke', () => {
    template.hasResourceProperties(
      'AWS::Lambda::Permission',
      Match.objectLike({ Principal: 'alexa-appkit.amazon.com', Action: 'lambda:InvokeFunction' }),
    );
  });

  test('the permission is scoped to this skill id', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', Match.objectLike({ EventSourceToken: TEST_SKILL_ID }));
  });

  test('there is no other invoke permission', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Permission'))).toHaveLength(1);
  });
});

describe('history table', () => {
  const { name, type } = HISTORY_TABLE_KEY.partitionKey;

  test('key schema comes from HISTORY_TABLE_KEY', () => {
    template.hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      Match.objectLike({ KeySchema: [{ AttributeName: name, KeyType: 'HASH' }] }),
    );
  });

  test('attribute definitions come from HISTORY_TABLE_KEY', () => {
    template.hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      Match.objectLike({ AttributeDefinitions: [{ AttributeName: name, AttributeType: type }] }),
    );
  });

  test('bills on demand', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', Match.objectLike({ BillingMode: 'PAY_PER_REQUEST' }));
  });

  test('expires items through the TTL attribute', () => {
    template.hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      Match.objectLike({ TimeToLiveSpecification: { AttributeName: HISTORY_TTL_ATTRIBUTE, Enabled: true } }),
    );
  });

  test('has point-in-time recovery', () => {
    template.hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      Match.objectLike({
        Replicas: [
          Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      }),
    );
  });

  test('has deletion protection', () => {
    template.hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      Match.objectLike({ Replicas: [Match.objectLike({ DeletionProtectionEnabled: true })] }),
    );
  });

  test('is retained when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', Match.objectLike({ DeletionPolicy: 'Retain' }));
  });

  test('uses AWS-managed encryption', () => {
    template.hasResourceProperties(
      'AWS::DynamoDB::GlobalTable',
      Match.objectLike({ SSESpecification: { SSEEnabled: true, SSEType: 'KMS' } }),
    );
  });
});

describe('iam', () => {
  test('the table statement has exactly GetItem, PutItem, DeleteItem on the table ARN', () => {
    template.hasResourceProperties(
      'AWS::IAM::Policy',
      Match.objectLike({
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Sid: 'HistoryTableItems',
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
              Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('HistoryTable'), 'Arn'] },
            },
          ]),
        },
      }),
    );
  });

  test('log writes are limited to the function log group', () => {
    const logs = allStatements().filter((s) => asArray(s.Action).some((a) => a.startsWith('logs:')));
    expect(logs).toHaveLength(1);
    expect(logs[0].Resource).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/SkillLogs/), 'Arn'] });
  });

  test('no statement has a wildcard action', () => {
    const actions = allStatements().flatMap((s) => asArray(s.Action));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  test('no statement has a wildcard resource', () => {
    const resources = allStatements().flatMap((s) => asArray(s.Resource));
    expect(resources.filter((r) => typeof r === 'string' && r.includes('*'))).toEqual([]);
  });

  test('no role has AWS managed policies', () => {
    const roles = Object.values(template.findResources('AWS::IAM::Role')) as Array<{ Properties: Record<string, unknown> }>;
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.filter((r) => r.Properties.ManagedPolicyArns !== undefined)).toEqual([]);
  });
});

describe('logs', () => {
  test('the log group has a retention period', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', Match.objectLike({ RetentionInDays: 30 }));
  });
});

describe('alarms', () => {
  test('alarms on function errors', () => {
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      Match.objectLike({ MetricName: 'Errors', Namespace: 'AWS/Lambda', Threshold: 1 }),
    );
  });

  test('alarms on function throttles', () => {
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      Match.objectLike({ MetricName: 'Throttles', Namespace: 'AWS/Lambda', Threshold: 1 }),
    );
  });

  test('alarms on p99 duration above 3 s', () => {
    template.hasResourceProperties(
      'AWS::CloudWatch::Alarm',
      Match.objectLike({ MetricName: 'Duration', ExtendedStatistic: 'p99', Threshold: 3000 }),
    );
  });

  test('alarms on table throttles and system errors', () => {
    const descriptions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: { AlarmDescription: string } }).Properties.AlarmDescription,
    );
    expect(descriptions).toEqual(
      expect.arrayContaining([expect.stringMatching(/throttled history table/), expect.stringMatching(/system \(5xx\) errors/)]),
    );
  });
});

describe('outputs', () => {
  test('outputs the function ARN (the skill endpoint)', () => {
    template.hasOutput('FunctionArn', Match.objectLike({ Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('SkillFunction'), 'Arn'] } }));
  });

  test('outputs the table name', () => {
    template.hasOutput('HistoryTableName', Match.objectLike({ Value: { Ref: Match.stringLikeRegexp('HistoryTable') } }));
  });
});
