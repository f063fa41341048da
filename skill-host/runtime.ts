/**
 * The skill as it runs on this machine: an embedded DynamoDB-compatible server (dynalite, LevelDB on
 * disk, 127.0.0.1 on a free port), the history table created on first use, and the skill wired to the
 * real DynamoHistoryStore by lambda/wiring.ts, as lambda/index.ts wires it. Used by `npm start` and `npm run serve`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { BuiltSkill } from '../lambda/skill';
import { startDynaliteServer, waitForTableActive } from './dynalite';

/** Where history lives by default (git-ignored). */
export const DEFAULT_DATA_DIR = path.join(__dirname, '..', '.data');
export const DEFAULT_TABLE_NAME = 'leg-cramp-helper-history';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

export interface LocalRuntimeOptions {
  /** LevelDB directory for dynalite; created when missing. Default `.data/` at the repository root. */
  readonly dataDir?: string;
  readonly tableName?: string;
  /** The skill id requests must carry (SKILL_ID); default the environment's. */
  readonly skillId?: string;
  /** The skill's Powertools log level (POWERTOOLS_LOG_LEVEL). Left as configured when not given. */
  readonly logLevel?: LogLevel;
  /**
   * Whether the skill writes its metrics (EMF lines, as on Lambda) to stdout: false sets
   * POWERTOOLS_METRICS_DISABLED, true clears it. Left as configured when not given.
   */
  readonly metrics?: boolean;
  /**
   * 'lambda': `invoke` is lambda/index.ts's own `handler`, imported after the environment is set (one
   * runtime per process). 'skill' (default): `invoke` is a skill built here with the same wiring.
   */
  readonly entry?: 'lambda' | 'skill';
}

export interface LocalRuntime {
  readonly dataDir: string;
  readonly tableName: string;
  /** `http://127.0.0.1:<port>` of the embedded DynamoDB. */
  readonly endpoint: string;
  /** The skill wired by lambda/wiring.ts (DynamoDB store, Powertools metrics) (what `npm run serve` answers with). */
  readonly skill: BuiltSkill;
  /** Handles one request envelope: the Lambda handler, or `skill.invoke`. */
  invoke(envelope: RequestEnvelope): Promise<ResponseEnvelope>;
  /** Closes the clients and the server (and with it the LevelDB files). */
  stop(): Promise<void>;
}

let lambdaEntryEndpoint: string | undefined;

/** Keeps the dialog's output clean: the AWS SDK warns on Node < 22 that future versions will need it. */
export function silenceSdkNodeVersionWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export async function createLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  silenceSdkNodeVersionWarning();
  const dataDir = path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  fs.mkdirSync(dataDir, { recursive: true });

  const { endpoint, close: closeServer } = await startDynaliteServer({ path: dataDir });

  try {
    return await wire(closeServer, endpoint, dataDir, tableName, options);
  } catch (error) {
    await closeServer();
    throw error;
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only once the environment is set */
async function wire(closeServer: () => Promise<void>, endpoint: string, dataDir: string, tableName: string, options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const { createDocumentClient, createDynamoClient } = require('../lambda/state/dynamo-client') as typeof import('../lambda/state/dynamo-client');
  const admin = createDynamoClient({ endpoint, timeoutMs: 5000 });
  try {
    await ensureTable(admin, tableName, dataDir);
  } finally {
    admin.destroy();
  }

  if (options.logLevel) process.env.POWERTOOLS_LOG_LEVEL = options.logLevel;
  if (options.metrics !== undefined) process.env.POWERTOOLS_METRICS_DISABLED = String(!options.metrics);
  const { readConfig } = require('../lambda/config') as typeof import('../lambda/config');
  const { createMetrics } = require('../lambda/metrics') as typeof import('../lambda/metrics');
  const { wireSkill } = require('../lambda/wiring') as typeof import('../lambda/wiring');

  // lambda/index.ts's own wiring, from the same config reader, pointed at the embedded DynamoDB.
  const env = { ...process.env, ...(options.skillId ? { SKILL_ID: options.skillId } : {}), HISTORY_TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' };
  // Made here so that stop() can close it (its keep-alive sockets would hold the server open).
  const client = createDocumentClient({ region: readConfig(env).region, endpoint });
  const skill = wireSkill(env, createMetrics(), client);

  let invoke: (envelope: RequestEnvelope) => Promise<ResponseEnvelope> = (envelope) => skill.invoke(envelope);
  if (options.entry === 'lambda') {
    if (lambdaEntryEndpoint && lambdaEntryEndpoint !== endpoint) {
      throw new Error('lambda/index.ts was already loaded in this process for another local runtime; use entry "skill"');
    }
    process.env.HISTORY_TABLE_NAME = env.HISTORY_TABLE_NAME;
    process.env.DYNAMODB_ENDPOINT = env.DYNAMODB_ENDPOINT;
    process.env.AWS_REGION = env.AWS_REGION;
    lambdaEntryEndpoint = endpoint;
    const { handler } = require('../lambda/index') as typeof import('../lambda/index');
    invoke = (envelope) => handler(envelope);
  }

  return {
    dataDir,
    tableName,
    endpoint,
    skill,
    invoke,
    async stop() {
      client.destroy();
      await closeServer();
    },
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Creates the history table (shared definition) unless it exists, and waits until it is ACTIVE. */
async function ensureTable(client: DynamoDBClient, tableName: string, dataDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { historyTableDefinition } = require('../lambda/state/history-table') as typeof import('../lambda/state/history-table');
  let status: string | undefined;
  try {
    status = (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw explainStoreError(error, dataDir);
    await client.send(new CreateTableCommand(historyTableDefinition(tableName)));
  }
  if (status !== 'ACTIVE') await waitForTableActive(client, tableName);
}

function explainStoreError(error: unknown, dataDir: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(
    `Could not open the local history store in ${dataDir} (${message}). Is another \`npm start\` or \`npm run serve\` using it? ` +
      'Pass --data <dir> to use another directory.',
    { cause: error },
  );
}
