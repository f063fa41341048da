/**
 * The BASELINE's Lambda entry point, wired as Amazon's guides do: ask-sdk's DynamoDbPersistenceAdapter
 * (AWS SDK v2 `DynamoDB` client) with the persistent-attributes interceptors in ./skill.ts.
 * Same environment as lambda/index.ts: HISTORY_TABLE_NAME (required here), DYNAMODB_ENDPOINT, AWS_REGION, SKILL_ID.
 * The table has the adapter's default key: partition key `id` (S); it is created by the bench (createTable: false).
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { DynamoDbPersistenceAdapter } from 'ask-sdk-dynamodb-persistence-adapter';
import { DynamoDB } from 'aws-sdk';
import { ConfigError, readConfig } from '../../lambda/config';
import { createLog } from '../../lambda/log';
import { baselinePartitionKey, buildBaselineSkill } from './skill';

/** The adapter's defaults: partition key `id`, attributes under `attributes`. */
export const BASELINE_PARTITION_KEY = 'id';

const config = readConfig(process.env);
if (!config.historyTableName) throw new ConfigError('The baseline needs HISTORY_TABLE_NAME');
const tableName = config.historyTableName;
const log = createLog();

// Credentials from SDK v2's default chain, which looks in the environment first: the bench puts them there,
// as Lambda does.
const dynamoDBClient = new DynamoDB({
  apiVersion: 'latest',
  region: config.region,
  ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
});
const adapter = new DynamoDbPersistenceAdapter({
  tableName,
  createTable: false,
  dynamoDBClient,
  partitionKeyGenerator: baselinePartitionKey,
});
const documentClient = new DynamoDB.DocumentClient({ service: dynamoDBClient });

const skill = buildBaselineSkill({
  adapter,
  deleteKey: async (key) => {
    await documentClient.delete({ TableName: tableName, Key: { [BASELINE_PARTITION_KEY]: key } }).promise();
  },
  log,
  ...(config.skillId ? { skillId: config.skillId } : {}),
});

export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  return skill.invoke(event, context);
}
