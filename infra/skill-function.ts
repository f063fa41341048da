import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { esbuildCliArgs, LAMBDA_BUNDLE_SETTINGS, LAMBDA_ENTRY, REPO_ROOT } from './bundling';

/** The DynamoDB actions the history store performs: exactly these, on the table only. */
export const HISTORY_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'];

/**
 * Memory (Lambda also scales CPU with it). Measured with `npm run build` output (dist/lambda/index.js, 483 KiB,
 * Node 20, NODE_OPTIONS=--enable-source-maps, history store against a local dynalite table): a fresh node
 * process loading the bundle and answering a LaunchRequest peaks at ~67 MiB RSS (init ~85 ms + launch ~40 ms
 * on a full core); after 50 more intent requests ~74 MiB; a bare `node -e 0` is ~40 MiB. 128 MB would fit
 * (~1.7x) but gets ~1/14 of a vCPU, stretching the cold-start init that Alexa waits on; 256 MB gives ~3.4x
 * memory headroom and twice the CPU for the cold-start init. Re-measure if the bundle grows.
 */
export const MEMORY_SIZE_MB = 256;

/** Alexa waits 8 s for a response; stop before that so the failure is ours and logged. */
export const TIMEOUT_SECONDS = 7;

export interface SkillFunctionProps {
  readonly table: ITableV2;
  /** amzn1.ask.skill.<uuid>: the function rejects requests for any other skill (SKILL_ID). */
  readonly skillId: string;
}

/** The skill's Lambda function, its log group and a least-privilege role (Alexa calls it through SkillEndpoint). */
export class SkillFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: SkillFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      // Logs are diagnostics, not records: drop them with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // No AWS managed policies (AWSLambdaBasicExecutionRole would allow writing to any log group).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Leg Cramp Helper skill function: own log group + history table item access only',
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        // The log group's Arn attribute (arn:…:log-group:<name>:*) covers its streams and nothing else.
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'HistoryTableItems',
        actions: HISTORY_TABLE_ACTIONS,
        resources: [props.table.tableArn],
      }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: LAMBDA_ENTRY,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: MEMORY_SIZE_MB,
      timeout: Duration.seconds(TIMEOUT_SECONDS),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        HISTORY_TABLE_NAME: props.table.tableName,
        SKILL_ID: props.skillId,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // One definition shared with `npm run build` (infra/bundling.ts).
        minify: LAMBDA_BUNDLE_SETTINGS.minify,
        sourceMap: LAMBDA_BUNDLE_SETTINGS.sourceMap,
        target: LAMBDA_BUNDLE_SETTINGS.target,
        format: LAMBDA_BUNDLE_SETTINGS.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
        mainFields: [...LAMBDA_BUNDLE_SETTINGS.mainFields],
        // [] overrides NodejsFunction's default of externalising @aws-sdk/*: bundle it like `npm run build`.
        externalModules: [...LAMBDA_BUNDLE_SETTINGS.externalModules],
        esbuildArgs: esbuildCliArgs(),
        forceDockerBundling: false,
      },
    });

    const synchronousOnly =
      'Only Alexa invokes this function (the single alexa-appkit permission on its live alias): skill requests are ' +
      'synchronous and Alexa gets the error back, and a lost SKILL_DISABLED event only leaves history that the ' +
      '90-day TTL removes anyway. No asynchronous event source exists for a DLQ or on-failure destination to ' +
      'catch; failures surface through the Errors alarm and the logs.';
    Validations.of(this.fn).acknowledge({ id: 'Serverless-LambdaDLQ', reason: synchronousOnly });
    Validations.of(this.fn).acknowledge({ id: 'Serverless-LambdaAsyncFailureDestination', reason: synchronousOnly });
    Validations.of(this.fn).acknowledge({
      id: 'Serverless-LambdaTracing',
      reason:
        'One function with a single downstream (DynamoDB) and no X-Ray SDK in the bundle: active tracing would ' +
        'only add the invocation segment plus an X-Ray write grant on Resource *. Latency is covered by the p99 ' +
        'Duration alarm and structured logs.',
    });
  }
}
