/**
 * `npm run deploy [-- --dry-run] [--profile <ask profile>] [--yes]`: from a clone to a deployed skill, in
 * one command, over the ASK CLI (`ask`, a dev dependency) and the CDK CLI (`cdk`):
 *
 *   1. checks cdk.json's configuration (region, privacy policy URL, alarm e-mail) and that `ask configure`
 *      has been run, before anything is created;
 *   2. first run only: `ask smapi create-skill-for-vendor` with the manifest's text and no endpoint, then
 *      waits for it; the new skill id is kept in .ask/ask-states.json (git-ignored, ASK CLI's own format);
 *   3. `cdk deploy -c skillId=<id> --outputs-file .ask/cdk-outputs.json`: the stack, in the configured region;
 *   4. builds skill-package/ with the SkillEndpointArn output (infra/package-skill.ts);
 *   5. `ask deploy --target skill-metadata` (ask-resources.json lists only the skill package: manifest,
 *      events and the five models go up in one import), then enables the skill for testing.
 * `--dry-run` prints every command instead of running it and writes nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SKILL_ID_PATTERN, STACK_NAME } from './app';
import { REPO_ROOT } from './bundling';
import { DeployConfig, DeployConfigError, readCdkContext, readDeployConfig } from './deploy-config';
import { buildSkillPackage, creationManifest, SKILL_LOCALES, SkillPackageError } from './package-skill';
import { STACK_OUTPUTS } from './stack';

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

/** The account has no CDK bootstrap stack in the configured region. */
export class CdkNotBootstrappedError extends DeployError {}

/** cdk found no usable AWS credentials. */
export class AwsCredentialsError extends DeployError {}

/** A tool ran and failed for another reason; its output was shown. */
export class ToolFailedError extends DeployError {}

export interface DeployOptions {
  /** Where ask-resources.json, .ask/ and skill-package/ live (the repo root; a temp dir in tests). */
  readonly projectDir?: string;
  /** Where `cdk` runs (the directory holding cdk.json). */
  readonly cdkDir?: string;
  /** The ASK CLI profile (default: $ASK_DEFAULT_PROFILE, else "default", as ask-cli resolves it). */
  readonly askProfile?: string;
  readonly dryRun?: boolean;
  /** Deploy without cdk's approval prompt for security-related changes. */
  readonly yes?: boolean;
  /** cdk.json's context (configuration). */
  readonly context?: Record<string, unknown>;
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Where the tools' own output goes as it arrives (default: this process's stdout and stderr). */
  readonly echo?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  readonly pollIntervalMs?: number;
  readonly pollTimeoutMs?: number;
}

export interface DeployResult {
  readonly skillId: string;
  readonly created: boolean;
  readonly endpointArn: string;
}

export interface Command {
  readonly tool: 'ask' | 'cdk';
  readonly args: string[];
  readonly cwd: string;
}

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
}

const show = (c: Command) => [c.tool, ...c.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');

/** The ASK CLI's files of a project, in the formats ask-cli itself reads and writes. */
class AskProject {
  readonly resourcesFile: string;
  readonly statesFile: string;
  readonly outputsFile: string;
  readonly creationManifestFile: string;

  constructor(readonly dir: string) {
    this.resourcesFile = path.join(dir, 'ask-resources.json');
    this.statesFile = path.join(dir, '.ask', 'ask-states.json');
    this.outputsFile = path.join(dir, '.ask', 'cdk-outputs.json');
    this.creationManifestFile = path.join(dir, '.ask', 'create-skill-manifest.json');
  }

  /** The skill package folder ask-resources.json names for this profile. */
  skillPackageDir(profile: string): string {
    let resources: { profiles?: Record<string, { skillMetadata?: { src?: string } }> };
    try {
      resources = JSON.parse(readFileSync(this.resourcesFile, 'utf8')) as typeof resources;
    } catch (cause) {
      throw new DeployError(`Cannot read ${this.resourcesFile}: ${(cause as Error).message}`, { cause });
    }
    const src = resources.profiles?.[profile]?.skillMetadata?.src;
    if (!src) {
      throw new DeployError(
        `ask-resources.json has no skill package for ASK profile "${profile}": add ` +
          `"${profile}": { "skillMetadata": { "src": "./skill-package" } } under "profiles".`,
      );
    }
    return path.resolve(this.dir, src);
  }

  private readStates(): { askcliStatesVersion: string; profiles: Record<string, Record<string, unknown>> } {
    if (!existsSync(this.statesFile)) return { askcliStatesVersion: '2020-03-31', profiles: {} };
    try {
      return JSON.parse(readFileSync(this.statesFile, 'utf8')) as ReturnType<AskProject['readStates']>;
    } catch (cause) {
      throw new DeployError(`Cannot read ${this.statesFile}: ${(cause as Error).message}`, { cause });
    }
  }

  skillId(profile: string): string | undefined {
    const id = this.readStates().profiles?.[profile]?.skillId;
    if (id === undefined) return undefined;
    if (typeof id !== 'string' || !SKILL_ID_PATTERN.test(id)) {
      throw new DeployError(`${this.statesFile} holds skillId ${JSON.stringify(id)} for "${profile}", which is not a skill id.`);
    }
    return id;
  }

  saveSkillId(profile: string, skillId: string): void {
    const states = this.readStates();
    states.profiles = { ...states.profiles, [profile]: { ...states.profiles?.[profile], skillId } };
    mkdirSync(path.dirname(this.statesFile), { recursive: true });
    writeFileSync(this.statesFile, `${JSON.stringify(states, null, 2)}\n`);
  }
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

/** The stand-alone error a failed `cdk deploy` means, judged from what cdk printed. */
export function cdkFailure(stderr: string, code: number | null, skillId: string, config: DeployConfig): DeployError {
  if (/Has the environment been bootstrapped|cdk bootstrap|CDKToolkit.*(not found|does not exist)/i.test(stderr)) {
    return new CdkNotBootstrappedError(
      `The AWS account is not bootstrapped for the CDK in ${config.region}. Run once: ` +
        `npx cdk bootstrap -c skillId=${skillId}   (or npx cdk bootstrap aws://<account id>/${config.region}), then npm run deploy again.`,
    );
  }
  if (/no credentials have been configured|Unable to resolve AWS account|Could not load credentials|ExpiredToken|security token included in the request is (invalid|expired)/i.test(stderr)) {
    return new AwsCredentialsError(
      'cdk could not use your AWS credentials. Configure them (aws configure, aws sso login, or AWS_PROFILE=<profile>) and run npm run deploy again.',
    );
  }
  return new ToolFailedError(`cdk deploy failed (exit ${code}); its output is above.`);
}

/** An ask-cli error that means "not configured", whatever command printed it. */
export function askFailure(command: Command, stderr: string, code: number | null): DeployError {
  if (/cli_config not exists|Can't resolve profile|Please run "ask configure/.test(stderr)) {
    return new AskNotConfiguredError(`The ASK CLI is not configured: run \`npx ask configure\`. (${stderr.trim().split('\n')[0]})`);
  }
  return new ToolFailedError(`${show(command)} failed (exit ${code}): ${stderr.trim() || 'no message'}`);
}

function parseJson<T>(command: Command, stdout: string): T {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  try {
    return JSON.parse(stdout.slice(start, end + 1)) as T;
  } catch (cause) {
    throw new ToolFailedError(`${show(command)} printed no JSON: ${stdout.trim().slice(0, 300)}`, { cause });
  }
}

export async function deploy(options: DeployOptions = {}): Promise<DeployResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const echo = options.echo ?? ((chunk: Buffer, stream: 'stdout' | 'stderr') => process[stream].write(chunk));
  const project = new AskProject(options.projectDir ?? REPO_ROOT);
  const cdkDir = options.cdkDir ?? REPO_ROOT;
  const profile = options.askProfile ?? env.ASK_DEFAULT_PROFILE ?? 'default';
  const pollIntervalMs = options.pollIntervalMs ?? 3000;
  const pollTimeoutMs = options.pollTimeoutMs ?? 5 * 60_000;

  // Everything that can be checked locally, before anything is created.
  const config = readDeployConfig(options.context ?? readCdkContext(), SKILL_LOCALES);
  checkAskConfigured(profile, env);
  const packageDir = project.skillPackageDir(profile);

  /**
   * Runs a tool found on PATH (npm run puts node_modules/.bin first; the repo's copy is the fallback).
   * `failure` turns a non-zero exit into the error that says what to do.
   */
  const run = (
    command: Command,
    capture: boolean,
    failure: (stderr: string, code: number | null) => DeployError = (stderr, code) => askFailure(command, stderr, code),
  ): Promise<Ran> => {
    log(`$ ${show(command)}`);
    const PATH = [env.PATH, path.join(REPO_ROOT, 'node_modules', '.bin')].filter(Boolean).join(path.delimiter);
    return new Promise((resolve, reject) => {
      const child = spawn(command.tool, command.args, {
        cwd: command.cwd,
        env: { ...env, PATH },
        stdio: ['inherit', 'pipe', 'pipe'], // stdin stays the user's: cdk may ask to approve IAM changes
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!capture) echo(chunk, 'stdout'); // JSON answers are parsed, progress is shown
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        echo(chunk, 'stderr'); // the tools' warnings and errors stay visible
      });
      child.on('error', (cause: NodeJS.ErrnoException) =>
        reject(
          cause.code === 'ENOENT'
            ? new DeployError(`\`${command.tool}\` was not found: run npm ci (it installs ask-cli and aws-cdk).`, { cause })
            : cause,
        ),
      );
      child.on('close', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(failure(stderr, code))));
    });
  };

  const ask = (...args: string[]): Command => ({ tool: 'ask', args: [...args, '--profile', profile], cwd: project.dir });
  const knownId = project.skillId(profile);
  const cdkDeploy = (skillId: string): Command => ({
    tool: 'cdk',
    args: [
      'deploy', STACK_NAME,
      '-c', `skillId=${skillId}`,
      '--outputs-file', project.outputsFile,
      ...(options.yes ? ['--require-approval', 'never'] : []),
    ],
    cwd: cdkDir,
  });
  const metadataDeploy = ask('deploy', '--target', 'skill-metadata');
  const enable = (skillId: string) => ask('smapi', 'set-skill-enablement', '--skill-id', skillId, '--stage', 'development');

  if (options.dryRun) {
    const id = knownId ?? '<skill id from create-skill-for-vendor>';
    log(`Dry run: ${knownId ? `redeploy of ${knownId}` : 'first deploy'} to ${config.region}, ASK profile "${profile}". Would run:`);
    if (!knownId) {
      log(`  (write ${path.relative(project.dir, project.creationManifestFile)}: the manifest without endpoint or events)`);
      log(`  ${show(ask('smapi', 'create-skill-for-vendor', '--manifest', `file:${project.creationManifestFile}`))}`);
      log(`  ${show(ask('smapi', 'get-skill-status', '--skill-id', id, '--resource', 'manifest'))}   (until SUCCEEDED)`);
      log(`  (save the skill id in ${path.relative(project.dir, project.statesFile)})`);
    }
    log(`  ${show(cdkDeploy(id))}`);
    log(`  npm run package -- --arn <${STACK_OUTPUTS.skillEndpointArn} from ${path.relative(project.dir, project.outputsFile)}> --out ${path.relative(project.dir, packageDir)}`);
    log(`  ${show(metadataDeploy)}`);
    log(`  ${show(enable(id))}`);
    return { skillId: id, created: !knownId, endpointArn: `<${STACK_OUTPUTS.skillEndpointArn}>` };
  }

  let skillId = knownId;
  if (!skillId) {
    mkdirSync(path.dirname(project.creationManifestFile), { recursive: true });
    writeFileSync(project.creationManifestFile, `${JSON.stringify(creationManifest(), null, 2)}\n`);
    const create = ask('smapi', 'create-skill-for-vendor', '--manifest', `file:${project.creationManifestFile}`);
    const created = parseJson<{ skillId?: string }>(create, (await run(create, true)).stdout).skillId;
    if (!created || !SKILL_ID_PATTERN.test(created)) throw new ToolFailedError(`${show(create)} returned no skill id.`);
    project.saveSkillId(profile, created); // kept at once: a later failure must not create a second skill
    skillId = created;
    log(`Created skill ${skillId} (kept in ${path.relative(project.dir, project.statesFile)}).`);
    await waitForSkill(skillId);
  }

  const id = skillId;
  await run(cdkDeploy(id), false, (stderr, code) => cdkFailure(stderr, code, id, config));
  const endpointArn = readEndpointArn(project.outputsFile);
  log(`Endpoint: ${endpointArn}`);

  buildSkillPackage({ functionArn: endpointArn, privacyPolicyUrl: config.privacyPolicyUrl, outDir: packageDir });
  log(`Wrote ${path.relative(project.dir, packageDir)}/`);
  await run(metadataDeploy, false);
  await run(enable(skillId), true);
  log(`Done: skill ${skillId} → ${endpointArn}. In the developer console's Test tab, say "open leg cramp helper".`);
  return { skillId, created: !knownId, endpointArn };

  async function waitForSkill(id: string): Promise<void> {
    const status = ask('smapi', 'get-skill-status', '--skill-id', id, '--resource', 'manifest');
    const deadline = Date.now() + pollTimeoutMs;
    for (;;) {
      const body = parseJson<{ manifest?: { lastUpdateRequest?: { status?: string; errors?: unknown[] } } }>(
        status,
        (await run(status, true)).stdout,
      );
      const request = body.manifest?.lastUpdateRequest;
      if (request?.status === 'SUCCEEDED') return;
      if (request?.status === 'FAILED') {
        throw new ToolFailedError(`Creating the skill failed: ${JSON.stringify(request.errors ?? [])}`);
      }
      if (Date.now() > deadline) throw new ToolFailedError(`Skill ${id} was still being created after ${pollTimeoutMs / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }
}

/** The SkillEndpointArn output from `cdk deploy --outputs-file` ({ "<stack>": { "<output>": value } }). */
export function readEndpointArn(outputsFile: string): string {
  let outputs: Record<string, Record<string, string>>;
  try {
    outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as typeof outputs;
  } catch (cause) {
    throw new DeployError(`cdk wrote no outputs file (${outputsFile}): ${(cause as Error).message}`, { cause });
  }
  const arn = outputs[STACK_NAME]?.[STACK_OUTPUTS.skillEndpointArn];
  if (!arn) throw new DeployError(`${outputsFile} has no ${STACK_NAME}.${STACK_OUTPUTS.skillEndpointArn} output.`);
  return arn;
}

export function parseDeployArgs(argv: string[]): Pick<DeployOptions, 'dryRun' | 'yes' | 'askProfile'> {
  const out: { dryRun?: boolean; yes?: boolean; askProfile?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') out.dryRun = true;
    else if (arg === '--yes') out.yes = true;
    else if (arg === '--profile' && argv[i + 1] && !argv[i + 1].startsWith('--')) out.askProfile = argv[++i];
    else throw new DeployError(`Unknown argument ${arg} (usage: npm run deploy -- [--dry-run] [--profile <ask profile>] [--yes]).`);
  }
  return out;
}

if (require.main === module) {
  (async () => {
    try {
      await deploy(parseDeployArgs(process.argv.slice(2)));
    } catch (error) {
      if (error instanceof DeployError || error instanceof DeployConfigError || error instanceof SkillPackageError) {
        console.error(`\ndeploy: ${error.message}`);
        process.exit(1);
      }
      throw error;
    }
  })();
}
