/**
 * First-history-read child: a fresh `node` process that builds the history store as lambda/index.ts does and
 * times its first read (the SDK's one-time work included: config, endpoint, credentials, signing key, the
 * connection, compiling the code on the way) and a second read of the same listener (none of that).
 * In: the Lambda's environment (HISTORY_TABLE_NAME, DYNAMODB_ENDPOINT, AWS_REGION, credentials), BENCH_USER.
 * Out: JSON in the file BENCH_RESULT_FILE.
 */
import { writeFileSync, writeSync } from 'node:fs';
import { readConfig } from '../../lambda/config';
import { createDocumentClient } from '../../lambda/state/dynamo-client';
import { DynamoHistoryStore } from '../../lambda/state/dynamo-history-store';
import { userKey } from '../../lambda/state/history';
import { benchUserId } from '../conversation';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  if (!config.historyTableName || !config.dynamodbEndpoint) throw new Error('first-read child needs HISTORY_TABLE_NAME and DYNAMODB_ENDPOINT');
  const client = createDocumentClient({ region: config.region, endpoint: config.dynamodbEndpoint });
  const store = new DynamoHistoryStore({ client, tableName: config.historyTableName });
  const key = userKey(benchUserId(process.env.BENCH_USER ?? 'returning'));
  const t0 = performance.now();
  const first = await store.load(key);
  const t1 = performance.now();
  await store.load(key);
  const t2 = performance.now();
  // A file, not stdout: a large write to a non-blocking pipe can be cut short.
  writeFileSync(process.env.BENCH_RESULT_FILE ?? 'bench-result.json', JSON.stringify({ firstReadMs: t1 - t0, secondReadMs: t2 - t1, version: first.version }));
  process.exit(0);
}

main().catch((error: unknown) => {
  writeSync(2, `first-read child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
