import { Match, Template } from 'aws-cdk-lib/assertions';
import { HISTORY_TABLE_KEY, HISTORY_TTL_ATTRIBUTE } from '../../lambda/state/history-table';
import { Stack } from 'aws-cdk-lib';
import { AlarmTopic } from '../../infra/alarm-topic';
import { buildApp } from '../../infra/app';
import { LegCrampSkillStack } from '../../infra/stack';
import { ALL_REGIONS, NO_BUNDLING, TEST_CONTEXT, TEST_SKILL_ID, testApp } from './helpers';

let stacks: LegCrampSkillStack[];
const templates = new Map<string, Template>();
let withEmail: Template;

const ALARM_EMAIL = 'oncall@legcramphelper.org';

beforeAll(() => {
  // Bundling runs esbuild per stack; every test reads these templates.
  stacks = buildApp(testApp()).stacks;
  for (const stack of stacks) templates.set(stack.region, Template.fromStack(stack));
  // The e-mail variant needs only the topic's construct (no second bundling of the function).
  const topicStack = new Stack(testApp(), 'WithEmail');
  new AlarmTopic(topicStack, 'AlarmTopic', { email: ALARM_EMAIL });
  withEmail = Template.fromStack(topicStack);
}, 120_000);

describe('one stack per Alexa endpoint region', () => {
  test('by default, a stack in each of us-east-1, eu-west-1 and us-west-2', () => {
    expect(stacks.map((stack) => stack.region)).toEqual([...ALL_REGIONS]);
  });

  test('each stack is named by its region', () => {
    expect(stacks.map((stack) => stack.stackName)).toEqual(['LegCrampSkill-us-east-1', 'LegCrampSkill-eu-west-1', 'LegCrampSkill-us-west-2']);
  });

  test('each description says which endpoint and locales it serves', () => {
    expect(stacks.map((stack) => stack.templateOptions.description)).toEqual([
      expect.stringMatching(/NA endpoint \(en-US, en-CA\)/),
      expect.stringMatching(/EU endpoint \(en-GB, en-IN\)/),
      expect.stringMatching(/FE endpoint \(en-AU\)/),
    ]);
  });

  test('the chosen regions only', () => {
    const app = testApp({ ...TEST_CONTEXT, ...NO_BUNDLING, regions: ['eu-west-1', 'us-west-2'] });
    expect(buildApp(app).stacks.map((stack) => stack.stackName)).toEqual(['LegCrampSkill-eu-west-1', 'LegCrampSkill-us-west-2']);
  });

  test('no stack refers to another (nothing shared or copied between regions)', () => {
    for (const stack of stacks) expect(stack.dependencies).toEqual([]);
  });

  test('a region Alexa does not call is refused at synth', () => {
    expect(() => buildApp(testApp({ ...TEST_CONTEXT, regions: ['us-east-1', 'eu-central-1'] }))).toThrow(/not one Alexa calls/);
  });

  test('the old single "region" key is refused at synth, with how to change it', () => {
    expect(() => buildApp(testApp({ skillId: TEST_SKILL_ID, region: 'us-east-1' }))).toThrow(/"regions": \["us-east-1"\]/);
  });

  test('an empty list of regions is refused at synth', () => {
    expect(() => buildApp(testApp({ skillId: TEST_SKILL_ID, regions: [] }))).toThrow(/"regions" is empty/);
  });
});

describe.each([...ALL_REGIONS])('the %s stack', (region) => {
  let template: Template;
  let stack: LegCrampSkillStack;

  beforeAll(() => {
    template = templates.get(region)!;
    stack = stacks.find((s) => s.region === region)!;
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

    test('the permission is on the live alias, not the function ($LATEST)', () => {
      template.hasResourceProperties(
        'AWS::Lambda::Permission',
        Match.objectLike({ FunctionName: { Ref: Match.stringLikeRegexp('EndpointLive') } }),
      );
    });

    test('there is no other invoke permission', () => {
      expect(Object.keys(template.findResources('AWS::Lambda::Permission'))).toHaveLength(1);
    });
  });

  describe('published version and live alias', () => {
    test('a version of the function is published', () => {
      template.hasResourceProperties(
        'AWS::Lambda::Version',
        Match.objectLike({ FunctionName: { Ref: Match.stringLikeRegexp('SkillFunction') } }),
      );
    });

    test('the alias is named live', () => {
      template.hasResourceProperties('AWS::Lambda::Alias', Match.objectLike({ Name: 'live' }));
    });

    test('the alias points at the published version', () => {
      template.hasResourceProperties(
        'AWS::Lambda::Alias',
        Match.objectLike({ FunctionVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('SkillFunctionCurrentVersion'), 'Version'] } }),
      );
    });
  });

  describe('region', () => {
    test('the stack is pinned to its region', () => {
      expect(stack.region).toBe(region);
    });

    test('its table lives in this region alone: one replica, here (no global table, no copy elsewhere)', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', Match.objectLike({ Replicas: [Match.objectLike({ Region: region })] }));
    });
  });

  describe('alarm topic', () => {
    test('there is one SNS topic', () => {
      expect(Object.keys(template.findResources('AWS::SNS::Topic'))).toHaveLength(1);
    });

    test('every alarm notifies the topic when it fires', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Array<{ Properties: { AlarmActions?: unknown[] } }>;
      expect(alarms).toHaveLength(6);
      for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
    });

    test('every alarm notifies the topic when it recovers', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Array<{ Properties: { OKActions?: unknown[] } }>;
      for (const alarm of alarms) expect(alarm.Properties.OKActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
    });

    test('the topic only accepts TLS', () => {
      template.hasResourceProperties(
        'AWS::SNS::TopicPolicy',
        Match.objectLike({
          PolicyDocument: Match.objectLike({
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          }),
        }),
      );
    });

    test('without alarmEmail there is no subscription', () => {
      expect(Object.keys(template.findResources('AWS::SNS::Subscription'))).toHaveLength(0);
    });

    test('with alarmEmail the address is subscribed by e-mail', () => {
      withEmail.hasResourceProperties('AWS::SNS::Subscription', Match.objectLike({ Protocol: 'email', Endpoint: ALARM_EMAIL }));
    });

    test('a malformed alarmEmail is refused at synth', () => {
      expect(() => buildApp(testApp({ ...TEST_CONTEXT, alarmEmail: 'not an address' }))).toThrow(/not an e-mail address/);
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

  describe('not-understood alarm', () => {
    const notUnderstood = () => {
      const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) => JSON.stringify(a).includes('NotUnderstood')) as Array<{
        Properties: Record<string, any>;
      }>;
      expect(found).toHaveLength(1);
      return found[0].Properties;
    };

    test('is metric math: the share of turns not understood, 0 below the minimum number of turns', () => {
      template.hasResourceProperties(
        'AWS::CloudWatch::Alarm',
        Match.objectLike({
          Metrics: Match.arrayWith([
            Match.objectLike({ Expression: 'IF(FILL(turns, 0) >= 30, 100 * FILL(notUnderstood, 0) / FILL(turns, 0), 0)', ReturnData: true }),
          ]),
        }),
      );
    });

    test("reads the skill's NotUnderstood and Turns metrics, by service", () => {
      const stats = (notUnderstood().Metrics as Array<{ MetricStat?: { Metric: Record<string, unknown> } }>).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : []));
      expect(stats).toEqual(
        expect.arrayContaining(
          ['NotUnderstood', 'Turns'].map((MetricName) =>
            expect.objectContaining({ MetricName, Namespace: 'LegCrampHelper', Dimensions: [{ Name: 'service', Value: 'leg-cramp-helper' }] }),
          ),
        ),
      );
    });

    test('over an hour', () => {
      const periods = (notUnderstood().Metrics as Array<{ MetricStat?: { Period: number } }>).flatMap((m) => (m.MetricStat ? [m.MetricStat.Period] : []));
      expect(periods).toEqual([3600, 3600]);
    });

    test('fires above 20% in one hour', () => {
      expect(notUnderstood()).toMatchObject({ Threshold: 20, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
    });

    test('an hour without turns is not breaching', () => {
      expect(notUnderstood().TreatMissingData).toBe('notBreaching');
    });

    test('notifies the alarm topic', () => {
      expect(notUnderstood().AlarmActions).toEqual([{ Ref: expect.stringMatching(/AlarmTopic/) }]);
    });

    test('says what to do when it fires', () => {
      expect(notUnderstood().AlarmDescription).toMatch(/intent history.*interaction-models\/source\.ts/);
    });
  });

  describe('dashboard', () => {
    /** The dashboard's widgets, with CloudFormation's references in the body left as they are. */
    const body = () => JSON.stringify(Object.values(template.findResources('AWS::CloudWatch::Dashboard')).map((d: any) => d.Properties.DashboardBody));

    test('one dashboard, named by its region', () => {
      template.resourcePropertiesCountIs('AWS::CloudWatch::Dashboard', { DashboardName: `LegCrampHelper-${region}` }, 1);
    });

    test('shows the routine funnel: started, step two, completed', () => {
      expect(body()).toMatch(/RoutineStarted.*RoutineStep2.*RoutineCompleted/);
    });

    test('shows the share of turns not understood', () => {
      expect(body()).toContain('100 * FILL(notUnderstood, 0) / FILL(turns, 0)');
    });

    test('shows errors: answered with an apology, and the function failing', () => {
      expect(body()).toMatch(/ErrorAnswered.*AWS\/Lambda.*Errors/);
    });

    test('shows the duration p99', () => {
      expect(body()).toMatch(/AWS\/Lambda.{0,20}Duration.*p99/);
    });

    test("shows the history table's latency", () => {
      expect(body()).toContain('SuccessfulRequestLatency');
    });

    test("shows the history table's throttles", () => {
      expect(body()).toContain('ThrottledRequests');
    });

    test('shows the topics asked, by topic id', () => {
      expect(body()).toMatch(/SEARCH\(.*topic.*TopicAsked/);
    });
  });

  describe('outputs', () => {
    test('outputs the skill endpoint: the live alias ARN', () => {
      template.hasOutput('SkillEndpointArn', Match.objectLike({ Value: { Ref: Match.stringLikeRegexp('EndpointLive') } }));
    });

    test('outputs the table name', () => {
      template.hasOutput('HistoryTableName', Match.objectLike({ Value: { Ref: Match.stringLikeRegexp('HistoryTable') } }));
    });

    test("outputs the dashboard's address in its region", () => {
      template.hasOutput('DashboardUrl', Match.objectLike({ Value: Match.stringLikeRegexp(`region=${region}#dashboards/dashboard/LegCrampHelper-${region}$`) }));
    });

    test('outputs the alarm topic ARN', () => {
      template.hasOutput('AlarmTopicArn', Match.objectLike({ Value: { Ref: Match.stringLikeRegexp('AlarmTopic') } }));
    });
  });
});
