/**
 * The Lambda entry point and the one place real dependencies are wired from the environment.
 * Everything here runs once per container (cold start); `handler` runs per request.
 */
import { DefaultApiClient } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { readConfig } from './config';
import { createLog } from './log';
import { METRIC } from './metric-names';
import { createMetrics } from './metrics';
import { buildSkill } from './skill';
import { createDocumentClient } from './state/dynamo-client';
import { DynamoHistoryStore } from './state/dynamo-history-store';
import type { HistoryStore } from './state/history';
import { SessionOnlyHistoryStore } from './state/session-history-store';

const config = readConfig(process.env);
const log = createLog();
/** Powertools metrics: EMF lines on stdout, flushed by the skill once per invocation. */
const metrics = createMetrics();
let coldStart = true;

function createStore(): HistoryStore {
  if (!config.historyTableName) {
    log.warn('history_table_not_configured', { detail: 'HISTORY_TABLE_NAME is not set: history is kept in the session only' });
    return new SessionOnlyHistoryStore();
  }
  const client = createDocumentClient({
    region: config.region,
    ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
  });
  return new DynamoHistoryStore({ client, tableName: config.historyTableName, log });
}

const skill = buildSkill({
  store: createStore(),
  log,
  ...(config.skillId ? { skillId: config.skillId } : {}),
  // Alexa's Reminders and Settings APIs, at each request's own apiEndpoint with its own access token.
  alexaApi: new DefaultApiClient(),
  nightVoice: config.nightVoice,
  metrics,
});

/** Async, no callback: the nodejs24.x runtime rejects callback-style handlers. */
export async function handler(event: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> {
  if (coldStart) {
    // The container's first invocation: its metrics line says so.
    coldStart = false;
    metrics.record({ name: METRIC.coldStart, unit: 'Count', value: 1 });
  }
  return skill.invoke(event, context);
}
