import type { NightHours } from './local-time';

/**
 * Configuration, read and checked in one place. Everything optional has a safe default: with no table
 * the skill keeps state in the session only.
 */
export interface Config {
  /** When set, requests for any other skill are rejected. */
  readonly skillId?: string;
  readonly historyTableName?: string;
  /** A local DynamoDB-compatible server (dynalite), e.g. http://127.0.0.1:8000. */
  readonly dynamodbEndpoint?: string;
  readonly region: string;
  /** When the soft, slow night voice is used, in the device's local time (NIGHT_VOICE_HOURS, e.g. "21-7"). */
  readonly nightVoice: NightHours;
}

/** Soft and slow from 21:00 until 07:00 local time; the normal voice by day. */
export const DEFAULT_NIGHT_VOICE: NightHours = { fromHour: 21, untilHour: 7 };

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

const SKILL_ID = /^amzn1\.ask\.skill\.[0-9a-f-]{36}$/;
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

export function readConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const skillId = nonEmpty(env.SKILL_ID);
  if (skillId && !SKILL_ID.test(skillId)) {
    throw new ConfigError(`SKILL_ID must look like amzn1.ask.skill.<uuid>; got a value of ${skillId.length} characters`);
  }
  const historyTableName = nonEmpty(env.HISTORY_TABLE_NAME);
  if (historyTableName && !TABLE_NAME.test(historyTableName)) {
    throw new ConfigError('HISTORY_TABLE_NAME is not a valid DynamoDB table name (3-255 of a-z, A-Z, 0-9, _ . -)');
  }
  const dynamodbEndpoint = nonEmpty(env.DYNAMODB_ENDPOINT);
  if (dynamodbEndpoint) {
    let url: URL;
    try {
      url = new URL(dynamodbEndpoint);
    } catch (cause) {
      throw new ConfigError('DYNAMODB_ENDPOINT is not a URL (expected e.g. http://127.0.0.1:8000)', { cause });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('DYNAMODB_ENDPOINT must be http or https');
  }
  const nightVoice = readNightHours(nonEmpty(env.NIGHT_VOICE_HOURS));
  return {
    ...(skillId ? { skillId } : {}),
    ...(historyTableName ? { historyTableName } : {}),
    ...(dynamodbEndpoint ? { dynamodbEndpoint } : {}),
    region: nonEmpty(env.AWS_REGION) ?? 'us-east-1',
    nightVoice,
  };
}

/** "21-7": from 21:00 until 07:00 (whole hours, 0-23, different). */
function readNightHours(value: string | undefined): NightHours {
  if (value === undefined) return DEFAULT_NIGHT_VOICE;
  const match = /^(\d{1,2})-(\d{1,2})$/.exec(value);
  const fromHour = Number(match?.[1]);
  const untilHour = Number(match?.[2]);
  if (!match || fromHour > 23 || untilHour > 23 || fromHour === untilHour) {
    throw new ConfigError('NIGHT_VOICE_HOURS must be two different whole hours 0-23 as "from-until", e.g. 21-7');
  }
  return { fromHour, untilHour };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
