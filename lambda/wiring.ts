/**
 * The skill wired from the environment, written once: the configuration read and checked, the history store
 * it names (DynamoDB, or the session only), Alexa's APIs through ask-sdk's DefaultApiClient, the night voice,
 * the log and the metrics. lambda/index.ts wires the deployed skill with it; skill-host/runtime.ts the one
 * `npm start` and `npm run serve` answer with, so this machine runs what Lambda runs. (Kept as one small
 * function: every byte here is in the Lambda bundle.)
 */
import { DefaultApiClient } from 'ask-sdk-core';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readConfig } from './config';
import { createLog } from './log';
import type { SkillMetrics } from './metrics';
import { buildSkill, type BuiltSkill } from './skill';
import { createDocumentClient } from './state/dynamo-client';
import { DynamoHistoryStore } from './state/dynamo-history-store';
import { SessionOnlyHistoryStore } from './state/session-history-store';

/**
 * `documentClient`: the table's client when the caller must close it (a local host stopping); by default one
 * made from the configuration. Lambda never closes it: the container just ends.
 */
export function wireSkill(env: Readonly<Record<string, string | undefined>>, metrics: SkillMetrics, documentClient?: DynamoDBDocumentClient): BuiltSkill {
  const config = readConfig(env);
  const log = createLog();
  const table = config.historyTableName;
  if (!table) log.warn('history_table_not_configured', { detail: 'HISTORY_TABLE_NAME is not set: history is kept in the session only' });
  return buildSkill({
    store: table
      ? new DynamoHistoryStore({
          client: documentClient ?? createDocumentClient({ region: config.region, ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}) }),
          tableName: table,
          log,
        })
      : new SessionOnlyHistoryStore(),
    log,
    ...(config.skillId ? { skillId: config.skillId } : {}),
    // Alexa's Reminders and Settings APIs, at each request's own apiEndpoint with its own access token.
    alexaApi: new DefaultApiClient(),
    nightVoice: config.nightVoice,
    metrics,
  });
}
