import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { DynamoDBDocumentClient, NumberValue } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface DynamoClientOptions {
  /** Defaults to the SDK's own resolution (AWS_REGION in Lambda); 'us-east-1' for a local endpoint. */
  readonly region?: string;
  /**
   * A local server (dynalite), e.g. `http://127.0.0.1:4567`. Signs with the environment's credentials when it
   * has them (as in Lambda: the bench measures that path), else with placeholders, since dynalite only checks
   * that there are some.
   */
  readonly endpoint?: string;
  /** Total attempts per call, first try included. Default 2: a failing table must not push a reply past Alexa's 8 s. */
  readonly maxAttempts?: number;
  /** Connection timeout and request timeout, each, in ms. Default 1000 (the SDK sets none). */
  readonly timeoutMs?: number;
}

export const DEFAULT_DYNAMO_MAX_ATTEMPTS = 2;
export const DEFAULT_DYNAMO_TIMEOUT_MS = 1000;
/** What a local endpoint is signed with when the environment has no credentials. */
export const PLACEHOLDER_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/**
 * A low-level DynamoDB client with a bounded time budget: worst case per call is about
 * maxAttempts × (connect + request timeout) plus the SDK's short retry back-off.
 */
export function createDynamoClient(options: DynamoClientOptions = {}): DynamoDBClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_DYNAMO_TIMEOUT_MS;
  const local = options.endpoint !== undefined;
  const plainHttp = local && options.endpoint!.startsWith('http://');
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    // Without this, @smithy/node-http-handler 4.x only logs a warning when requestTimeout is exceeded.
    throwOnRequestTimeout: true,
    ...(plainHttp ? { httpAgent: new HttpAgent({ keepAlive: true }) } : { httpsAgent: new HttpsAgent({ keepAlive: true }) }),
  });
  return new DynamoDBClient({
    requestHandler,
    maxAttempts: options.maxAttempts ?? DEFAULT_DYNAMO_MAX_ATTEMPTS,
    ...(options.region ? { region: options.region } : local ? { region: 'us-east-1' } : {}),
    // Without a local endpoint, the SDK's default provider: in the Lambda bundle, the environment's alone
    // (lambda/bundle-aliases/credential-provider-node.ts).
    ...(local ? { endpoint: options.endpoint, credentials: localCredentials() } : {}),
  });
}

/**
 * How the document client reads a stored number: as a JS number when that is exact and safe, otherwise as a
 * NumberValue holding DynamoDB's exact text. Without this one huge decimal anywhere in an item (say
 * 12345678901234567890.5) makes every read throw; with it the store sees the value, sanitises it away and
 * can still condition a write on exactly what was read.
 */
export function readDynamoNumber(text: string): number | NumberValue {
  const number = Number(text);
  return Number.isSafeInteger(number) && String(number) === text ? number : NumberValue.from(text);
}

function localCredentials(): ReturnType<typeof fromEnv> {
  const fromEnvironment = fromEnv();
  return () => fromEnvironment().catch(() => PLACEHOLDER_CREDENTIALS);
}

/** The document client the history store uses (plain JS values in and out, undefined attributes dropped). */
export function createDocumentClient(options: DynamoClientOptions = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoClient(options), {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: readDynamoNumber },
  });
}
