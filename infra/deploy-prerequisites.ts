/**
 * What a real `npm run deploy` needs besides the plan: the privacy policy URL in cdk.json, the ASK CLI
 * sign-in, AWS credentials the CDK can use, and a CDK bootstrap in every region. Each is looked for on this
 * machine only (no network call): `--dry-run` reports them, a real run stops before anything is created when
 * one is missing. A bootstrap cannot be seen without calling AWS: cdk reports it, and the run says what to do.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requirePrivacyPolicyUrl } from './deploy-config';

/** ask-cli's name for the profile it builds from ASK_* and AWS_* environment variables. */
export const ASK_ENV_PROFILE = '__ENVIRONMENT_ASK_PROFILE__';

/** Every way a deploy stops with a message for the user; subclasses name the cause. */
export class DeployError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** `ask configure` has not been run (or not for this profile). */
export class AskNotConfiguredError extends DeployError {}

/** The account has no CDK bootstrap stack in a region deployed to. */
export class CdkNotBootstrappedError extends DeployError {}

/** No AWS credentials for cdk (found none here, or cdk could not use them). */
export class AwsCredentialsError extends DeployError {}

/** cdk.json holds no usable privacy policy URL. */
export class PrivacyPolicyMissingError extends DeployError {}

/** More than one prerequisite is missing; the message lists each with its fix. */
export class PrerequisitesMissingError extends DeployError {}

export interface Prerequisite {
  /** What a real run needs, e.g. "ASK CLI sign-in (profile default)". */
  readonly name: string;
  /** true: found; false: missing (a real run stops); undefined: cannot be seen from here. */
  readonly present: boolean | undefined;
  /** Where it was found, or what is missing and how to fix it. */
  readonly detail: string;
  /** The error a real run stops with when it is missing. */
  readonly error?: DeployError;
}

/** ask-cli reads ~/.ask/cli_config (written by `ask configure`) unless every ASK_* variable is set. */
export function checkAskConfigured(profile: string, env: NodeJS.ProcessEnv): void {
  const fromEnv = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY && (env.ASK_REFRESH_TOKEN || env.ASK_ACCESS_TOKEN) && env.ASK_VENDOR_ID;
  if (profile === ASK_ENV_PROFILE && fromEnv) return;
  const file = path.join(env.HOME ?? os.homedir(), '.ask', 'cli_config');
  const howTo = `Run \`npx ask configure${profile === 'default' ? '' : ` --profile ${profile}`}\` once: it signs in to your Amazon developer account in a browser.`;
  let config: { profiles?: Record<string, { vendor_id?: string }> };
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as typeof config;
  } catch (cause) {
    throw new AskNotConfiguredError(`The ASK CLI is not configured (${file} is missing or unreadable). ${howTo}`, { cause });
  }
  const entry = config.profiles?.[profile];
  if (!entry) throw new AskNotConfiguredError(`The ASK CLI has no profile "${profile}" in ${file}. ${howTo}`);
  if (!entry.vendor_id) throw new AskNotConfiguredError(`ASK profile "${profile}" has no vendor id (the sign-in did not finish). ${howTo}`);
}

const AWS_SIGN_IN = 'Sign in with `aws configure`, `aws sso login --profile <profile>` (then AWS_PROFILE=<profile>), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.';

/**
 * Where the CDK CLI would find AWS credentials, judged from the environment and the shared files alone
 * (whether they are still valid only AWS can say: cdk reports that, and the run explains it).
 */
export function awsCredentialsSource(env: NodeJS.ProcessEnv): { found: true; source: string } | { found: false; reason: string } {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { found: true, source: 'AWS_ACCESS_KEY_ID in the environment' };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return { found: true, source: 'a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)' };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return { found: true, source: 'container credentials' };
  const home = env.HOME ?? os.homedir();
  const files = [env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'), env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials')];
  const profile = env.AWS_PROFILE ?? 'default';
  const section = new RegExp(`^\\[(?:profile )?${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]\\s*$`, 'm');
  const holding = files.find((file) => existsSync(file) && section.test(readFileSync(file, 'utf8')));
  if (holding) return { found: true, source: `profile "${profile}" in ${holding}` };
  return { found: false, reason: env.AWS_PROFILE ? `AWS_PROFILE=${profile} is in neither ${files.join(' nor ')}` : 'no AWS credentials in the environment or ~/.aws' };
}

/** Everything a real run needs, in the order it would need it. */
export function checkPrerequisites(inputs: {
  readonly privacyPolicyUrl: unknown;
  readonly askProfile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly regions: readonly string[];
}): Prerequisite[] {
  const found: Prerequisite[] = [];

  let privacy: Prerequisite;
  try {
    privacy = { name: 'privacy policy URL (cdk.json "privacyPolicyUrl")', present: true, detail: requirePrivacyPolicyUrl(inputs.privacyPolicyUrl) };
  } catch (cause) {
    const message = (cause as Error).message;
    privacy = { name: 'privacy policy URL (cdk.json "privacyPolicyUrl")', present: false, detail: message, error: new PrivacyPolicyMissingError(message, { cause }) };
  }
  found.push(privacy);

  const askName = `ASK CLI sign-in (profile "${inputs.askProfile}")`;
  try {
    checkAskConfigured(inputs.askProfile, inputs.env);
    found.push({ name: askName, present: true, detail: inputs.askProfile === ASK_ENV_PROFILE ? 'ASK_* environment variables' : '~/.ask/cli_config' });
  } catch (error) {
    found.push({ name: askName, present: false, detail: (error as Error).message, error: error as DeployError });
  }

  const aws = awsCredentialsSource(inputs.env);
  found.push(
    aws.found
      ? { name: 'AWS credentials for cdk', present: true, detail: aws.source }
      : { name: 'AWS credentials for cdk', present: false, detail: `${aws.reason}. ${AWS_SIGN_IN}`, error: new AwsCredentialsError(`No AWS credentials found: ${aws.reason}. ${AWS_SIGN_IN}`) },
  );

  found.push({
    name: `CDK bootstrap in ${inputs.regions.join(', ')}`,
    present: undefined,
    detail: `once per account and region, seen only by cdk as it deploys; to do it: npx cdk bootstrap ${inputs.regions.map((r) => `aws://<account id>/${r}`).join(' ')}`,
  });
  return found;
}

/** The error a real run stops with, or undefined when nothing it needs is missing. */
export function missingPrerequisiteError(prerequisites: readonly Prerequisite[]): DeployError | undefined {
  const missing = prerequisites.filter((p) => p.present === false);
  if (missing.length === 0) return undefined;
  if (missing.length === 1) return missing[0].error;
  return new PrerequisitesMissingError(
    `A deploy needs ${missing.length} things this machine does not have yet:\n${missing.map((p) => `  - ${p.name}: ${p.detail}`).join('\n')}`,
  );
}

/** The report `--dry-run` prints after the plan. */
export function describePrerequisites(prerequisites: readonly Prerequisite[]): string[] {
  const mark = (p: Prerequisite) => (p.present === true ? 'found' : p.present === false ? 'MISSING' : 'not checked here');
  const missing = prerequisites.filter((p) => p.present === false).length;
  return [
    'A real run needs:',
    ...prerequisites.map((p) => `  - ${p.name}: ${mark(p)} (${p.detail})`),
    missing === 0 ? 'Everything a real run needs was found here.' : `A real run would stop before running anything: ${missing} missing.`,
  ];
}
