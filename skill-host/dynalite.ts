import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../lambda/state/dynamo-client';
import { historyTableDefinition } from '../lambda/state/history-table';

/**
 * The embedded DynamoDB-compatible server (dynalite) on a free loopback port, shared by `npm start`,
 * `npm run serve`, the tests and the benchmark. In memory, or LevelDB on disk when `path` is given.
 * dynalite has no TTL API: expiry comes from the store's read path.
 */
export async function startDynaliteServer(options: { path?: string } = {}): Promise<{ endpoint: string; close(): Promise<void> }> {
  if (options.path) await checkDataDirFree(options.path);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
  const server = dynalite({ ...(options.path ? { path: options.path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** Even with createTableMs 0 a new table is CREATING until a timer fires, and writes before that fail. */
export async function waitForTableActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`local table ${tableName} did not become ACTIVE`);
}

/** Another process (a second `npm start`, or `npm run serve`) holds the LevelDB lock of the data directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    options?: { cause?: unknown },
  ) {
    super(`The history in ${dataDir} is in use by another \`npm start\` or \`npm run serve\`: stop that one, or pass --data <dir> to use another directory.`, options);
    this.name = 'DataDirInUseError';
  }
}

/**
 * LevelDB lets one process at a time open a directory. dynalite does not say when its open fails: its first
 * request then throws "Database is closed" out of its request handler and takes the process down. So the lock
 * is tried here first (and released at once for dynalite to take).
 */
async function checkDataDirFree(dataDir: string): Promise<void> {
  // dynalite's own LevelDB binding, resolved from dynalite (it is dynalite's dependency, not ours).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Level } = require(require.resolve('level', { paths: [path.dirname(require.resolve('dynalite'))] })) as typeof import('level');
  const db = new Level(dataDir);
  try {
    await db.open();
  } catch (error) {
    if ((error as { cause?: { code?: unknown } }).cause?.code === 'LEVEL_LOCKED') throw new DataDirInUseError(dataDir, { cause: error });
    throw error;
  }
  await db.close();
}

export interface LocalDynamo {
  /** `http://127.0.0.1:<port>`: pass to `createDocumentClient({ endpoint })` for more clients (e.g. a "new process"). */
  readonly endpoint: string;
  /** A document client from `createDocumentClient` (same settings as the Lambda's, dummy credentials). */
  readonly client: DynamoDBDocumentClient;
  /** The low-level client on the same endpoint, for table admin or raw (marshalled) items. */
  readonly rawClient: DynamoDBClient;
  /** Creates a table with the shared history key schema and waits until it is ACTIVE. Returns its name. */
  createTable(name?: string): Promise<string>;
  /** Destroys the clients and closes the server. */
  stop(): Promise<void>;
}

let tableCounter = 0;

/**
 * Starts an in-memory dynalite (a DynamoDB emulator) on 127.0.0.1 at a free port. Nothing reaches AWS.
 * Note: dynalite has no UpdateTimeToLive and never expires items: TTL behaviour must come from the store.
 */
export async function startDynalite(): Promise<LocalDynamo> {
  const { endpoint, close } = await startDynaliteServer();
  const client = createDocumentClient({ endpoint });
  const rawClient = createDynamoClient({ endpoint });

  return {
    endpoint,
    client,
    rawClient,
    async createTable(name = `history-${process.pid}-${++tableCounter}`) {
      await rawClient.send(new CreateTableCommand(historyTableDefinition(name)));
      await waitForTableActive(rawClient, name);
      return name;
    },
    async stop() {
      client.destroy();
      rawClient.destroy();
      await close();
    },
  };
}
