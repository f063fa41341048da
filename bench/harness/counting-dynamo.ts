/**
 * One embedded dynalite for both sides, and a counting HTTP proxy in front of it: every DynamoDB call
 * either side's SDK (v3 for ours, v2 for the baseline) makes goes through the proxy, which counts it
 * the same way for both. Capacity units follow DynamoDB's rules, computed with dynalite's own item-size
 * function on the item sent (PutItem) or returned (GetItem).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite, waitForTableActive, type LocalDynamo } from '../../skill-host/dynalite';
import { emptyCounts, readRequestUnits, writeRequestUnits, type OperationCounts } from './operation-counts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { itemSize } = require('dynalite/db') as { itemSize: (item: unknown) => number };

const READS = new Set(['GetItem']);
const WRITES = new Set(['PutItem', 'DeleteItem', 'UpdateItem']);

export interface BenchDynamo {
  readonly local: LocalDynamo;
  /** The proxy's endpoint: give this one to the Lambdas. */
  readonly endpoint: string;
  /** Counts since the last reset. */
  counts: OperationCounts;
  resetCounts(): OperationCounts;
  createOursTable(name: string): Promise<string>;
  createBaselineTable(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startBenchDynamo(): Promise<BenchDynamo> {
  const local = await startDynalite();
  const target = new URL(local.endpoint);
  const agent = new http.Agent({ keepAlive: true });
  let counts = emptyCounts();

  const count = (operation: string, body: Record<string, unknown>, responseBody: Record<string, unknown>, bytes: number) => {
    counts.requests++;
    counts.requestBodyBytes += bytes;
    counts.byOperation[operation] = (counts.byOperation[operation] ?? 0) + 1;
    if (READS.has(operation)) {
      counts.reads++;
      const consistent = body.ConsistentRead === true;
      if (consistent) counts.consistentReads++;
      const size = responseBody.Item ? itemSize(responseBody.Item) : 0;
      counts.readUnits += readRequestUnits(size, consistent);
    } else if (WRITES.has(operation)) {
      counts.writes++;
      const size = operation === 'PutItem' && body.Item ? itemSize(body.Item) : 0;
      counts.itemBytesWritten += size;
      counts.maxItemBytes = Math.max(counts.maxItemBytes, size);
      counts.writeUnits += writeRequestUnits(size);
    }
  };

  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? 'unknown';
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
        (up) => {
          const responseChunks: Buffer[] = [];
          up.on('data', (chunk: Buffer) => responseChunks.push(chunk));
          up.on('end', () => {
            const responseBody = Buffer.concat(responseChunks);
            try {
              count(operation, parse(body), parse(responseBody), body.length);
            } finally {
              res.writeHead(up.statusCode ?? 500, up.headers);
              res.end(responseBody);
            }
          });
        },
      );
      upstream.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      upstream.end(body);
    });
  });
  proxy.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
  const { port } = proxy.address() as AddressInfo;

  return {
    local,
    endpoint: `http://127.0.0.1:${port}`,
    get counts() {
      return counts;
    },
    resetCounts() {
      const previous = counts;
      counts = emptyCounts();
      return previous;
    },
    createOursTable: (name) => local.createTable(name),
    async createBaselineTable(name) {
      // The adapter's default key: partition key `id` (S). On-demand like ours.
      await local.rawClient.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await waitForTableActive(local.rawClient, name);
      return name;
    },
    async stop() {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      agent.destroy();
      await local.stop();
    },
  };
}

function parse(body: Buffer): Record<string, unknown> {
  try {
    return body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
