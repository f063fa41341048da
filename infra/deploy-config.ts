/**
 * Deployment configuration, read and checked in one place. It lives in cdk.json's "context" (so
 * `cdk synth`/`deploy -c key=value` can override it) and is read by the CDK app, `npm run package`
 * and `npm run deploy` alike:
 *   regions           the AWS regions to deploy a regional stack to: those Alexa calls for the skill's locales
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

/**
 * Alexa's service regions, each with the one AWS region it calls a Lambda endpoint in, in the order the
 * manifest's default endpoint is chosen from (North America's when it is deployed).
 */
export const ALEXA_REGIONS = [
  { code: 'NA', awsRegion: 'us-east-1', name: 'North America' },
  { code: 'EU', awsRegion: 'eu-west-1', name: 'Europe and India' },
  { code: 'FE', awsRegion: 'us-west-2', name: 'Far East' },
] as const;

export type AlexaRegionCode = (typeof ALEXA_REGIONS)[number]['code'];

/** The Alexa region ('NA', 'EU', 'FE') whose Lambda endpoints live in `awsRegion`, if any. */
export function alexaRegionOf(awsRegion: string): AlexaRegionCode | undefined {
  return ALEXA_REGIONS.find((r) => r.awsRegion === awsRegion)?.code;
}

export interface DeployConfig {
  /** One regional stack each, in ALEXA_REGIONS order. */
  readonly regions: readonly string[];
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

const REGIONS_HINT = 'cdk.json context "regions", e.g. ["us-east-1", "eu-west-1", "us-west-2"]';

/**
 * The regions to deploy to (cdk.json context "regions": a list, or a comma-separated string as `-c
 * regions=us-east-1,eu-west-1` gives it): each one Alexa calls for at least one of the locales, each once,
 * at least one. Without the key, every region the locales are served from. Returned in ALEXA_REGIONS order.
 */
export function requireRegions(value: unknown, locales: readonly string[]): string[] {
  const served = endpointRegionsFor(locales);
  const allowed = [...served].map(([region, served]) => `${region} (${served.join(', ')})`).join(', ');
  const list = value === undefined ? [...served.keys()] : typeof value === 'string' ? value.split(',').map((r) => r.trim()) : value;
  if (!Array.isArray(list)) throw new DeployConfigError(`"regions" must be a list of regions (${REGIONS_HINT}); got ${JSON.stringify(value)}.`);
  if (list.length === 0 || (list.length === 1 && list[0] === '')) {
    throw new DeployConfigError(`"regions" is empty: list one or more of ${allowed} (${REGIONS_HINT}).`);
  }
  const seen = new Set<string>();
  for (const region of list) {
    if (typeof region !== 'string' || !served.has(region)) {
      throw new DeployConfigError(
        `Region ${JSON.stringify(region)} is not one Alexa calls a Lambda endpoint in for this skill's locales. ` +
          `Use one or more of: ${allowed} (${REGIONS_HINT}).`,
      );
    }
    if (seen.has(region)) throw new DeployConfigError(`Region ${region} is listed twice in "regions": one stack per region (${REGIONS_HINT}).`);
    seen.add(region);
  }
  return ALEXA_REGIONS.map((r) => r.awsRegion).filter((region) => seen.has(region));
}

/**
 * The old single-region key is refused, not read as a one-region list: its stack was named LegCrampSkill,
 * the regional stacks are named by region, so deploying would create a new stack (and a new, empty history
 * table) beside the old one. The message says how to change cdk.json and where the upgrade is described.
 */
export function refuseSingleRegionKey(context: Record<string, unknown>): void {
  const old = context.region;
  if (old === undefined) return;
  const keep = typeof old === 'string' && old ? `["${old}"]` : '["us-east-1"]';
  throw new DeployConfigError(
    `cdk.json context "region" is replaced by "regions" (a list: one stack per Alexa region). Replace ` +
      `"region": ${JSON.stringify(old)} with "regions": ${keep} to keep serving every listener from one region, or ` +
      `"regions": ["us-east-1", "eu-west-1", "us-west-2"] to serve each listener from their own Alexa region. The ` +
      'stacks are now named by region (LegCrampSkill-us-east-1, ...): see README "Upgrading from the single stack" ' +
      'for the old LegCrampSkill stack and its history table.',
  );
}

/** The regions of a context (cdk.json's, or the CDK app's with `-c` overrides), checked. */
export function readRegions(context: Record<string, unknown>, locales: readonly string[]): string[] {
  refuseSingleRegionKey(context);
  return requireRegions(context.regions, locales);
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
    regions: readRegions(context, locales),
    privacyPolicyUrl: requirePrivacyPolicyUrl(context.privacyPolicyUrl),
    ...(alarmEmail ? { alarmEmail } : {}),
  };
}
