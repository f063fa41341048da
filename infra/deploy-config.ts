/**
 * Deployment configuration, read and checked in one place. It lives in cdk.json's "context" (so
 * `cdk synth`/`deploy -c key=value` can override it) and is read by the CDK app, `npm run package`
 * and `npm run deploy` alike:
 *   region            the AWS region of the skill function: one Alexa calls for the skill's locales
 *   privacyPolicyUrl  the public https address of PRIVACY.md, put in every locale of the manifest
 *   alarmEmail        optional: an address subscribed to the alarm topic (it must confirm by e-mail)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './bundling';

export const CDK_JSON = path.join(REPO_ROOT, 'cdk.json');

/**
 * The AWS region Alexa calls a Lambda endpoint in, per Alexa service region: North America us-east-1,
 * Europe and India eu-west-1, Far East us-west-2. Keyed by the locales an Alexa region serves.
 */
export const ALEXA_ENDPOINT_REGION_OF_LOCALE: Readonly<Record<string, string>> = {
  'en-US': 'us-east-1',
  'en-CA': 'us-east-1',
  'es-US': 'us-east-1',
  'es-MX': 'us-east-1',
  'fr-CA': 'us-east-1',
  'pt-BR': 'us-east-1',
  'en-GB': 'eu-west-1',
  'en-IN': 'eu-west-1',
  'hi-IN': 'eu-west-1',
  'de-DE': 'eu-west-1',
  'es-ES': 'eu-west-1',
  'fr-FR': 'eu-west-1',
  'it-IT': 'eu-west-1',
  'en-AU': 'us-west-2',
  'ja-JP': 'us-west-2',
};

export interface DeployConfig {
  readonly region: string;
  readonly privacyPolicyUrl: string;
  readonly alarmEmail?: string;
}

export class DeployConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeployConfigError';
  }
}

/** cdk.json's "context" object (the defaults; `-c key=value` overrides them for the CDK). */
export function readCdkContext(file: string = CDK_JSON): Record<string, unknown> {
  let parsed: { context?: Record<string, unknown> };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (cause) {
    throw new DeployConfigError(`Cannot read ${path.basename(file)}: ${(cause as Error).message}`, { cause });
  }
  return parsed.context ?? {};
}

/** The regions Alexa calls for these locales, e.g. { 'us-east-1': ['en-US', 'en-CA'], ... }. */
export function endpointRegionsFor(locales: readonly string[]): Map<string, string[]> {
  const regions = new Map<string, string[]>();
  for (const locale of locales) {
    const region = ALEXA_ENDPOINT_REGION_OF_LOCALE[locale];
    if (!region) throw new DeployConfigError(`No Alexa endpoint region is known for locale ${locale}.`);
    regions.set(region, [...(regions.get(region) ?? []), locale]);
  }
  return regions;
}

/** The function's region must be one Alexa calls for at least one of the skill's locales. */
export function requireRegion(value: unknown, locales: readonly string[]): string {
  const regions = endpointRegionsFor(locales);
  const allowed = [...regions].map(([region, served]) => `${region} (${served.join(', ')})`).join(', ');
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DeployConfigError(`Missing "region" in cdk.json context. Set it to one of: ${allowed}.`);
  }
  if (!regions.has(value)) {
    throw new DeployConfigError(
      `Region ${JSON.stringify(value)} is not one Alexa calls a Lambda endpoint in for this skill's locales. ` +
        `Use one of: ${allowed} (cdk.json context "region").`,
    );
  }
  return value;
}

const PLACEHOLDER_HOSTS = /(^|\.)(example\.(com|org|net)|localhost|invalid|test)$/i;

export function requirePrivacyPolicyUrl(value: unknown): string {
  const hint =
    'Publish PRIVACY.md (for example on your repository host or your site) and put its https address in ' +
    'cdk.json context "privacyPolicyUrl".';
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DeployConfigError(`Missing "privacyPolicyUrl": certification needs a privacy policy for a skill that keeps history. ${hint}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new DeployConfigError(`"privacyPolicyUrl" ${JSON.stringify(value)} is not a URL. ${hint}`, { cause });
  }
  if (url.protocol !== 'https:' || PLACEHOLDER_HOSTS.test(url.hostname)) {
    throw new DeployConfigError(`"privacyPolicyUrl" ${JSON.stringify(value)} must be a public https address. ${hint}`);
  }
  return url.href;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Optional; "" means none (so cdk.json can hold the key empty). */
export function optionalAlarmEmail(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !EMAIL.test(value)) {
    throw new DeployConfigError(`"alarmEmail" ${JSON.stringify(value)} is not an e-mail address (cdk.json context "alarmEmail", or leave it empty).`);
  }
  return value;
}

export function readDeployConfig(context: Record<string, unknown>, locales: readonly string[]): DeployConfig {
  const alarmEmail = optionalAlarmEmail(context.alarmEmail);
  return {
    region: requireRegion(context.region, locales),
    privacyPolicyUrl: requirePrivacyPolicyUrl(context.privacyPolicyUrl),
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
