import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient } from '../../lambda/state/dynamo-client';
import { historyTableDefinition } from '../../lambda/state/history-table';
import { startDynaliteServer, waitForTableActive } from '../../skill-host/dynalite';

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

/**
 * DynamoDB's item size for a plain (unmarshalled) item, per the documented rules: attribute names in
 * UTF-8 bytes; strings in UTF-8 bytes; numbers 1 byte per 2 significant digits + 2 (an upper bound); booleans and null
 * 1; lists and maps 3 bytes + 1 per element (+ the element names for maps).
 */
export function dynamoItemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') {
    const [mantissa = ''] = String(Math.abs(value)).toLowerCase().split('e');
    const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length || 1;
    return Math.ceil(digits / 2) + 2; // the documented "+1", rounded up by one: dynalite charges it for some numbers
  }
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return 3 + entries.reduce((sum, [name, v]) => sum + 1 + Buffer.byteLength(name) + valueSize(v), 0);
  }
  return 0;
}
