/**
 * `npm run deploy [-- --dry-run] [--profile <ask profile>] [--yes]`: from a clone to a skill served from
 * every chosen Alexa region, in one command, over the ASK CLI (`ask`) and the CDK CLI (`cdk`), both dev
 * dependencies. The plan (create the skill on a first run, deploy every regional stack in one cdk run, build
 * the skill package with each stack's endpoint, upload it, enable it) is built once as data by
 * infra/deploy-plan.ts (planDeploy, whose steps say what each does); `--dry-run` prints it (describePlan)
 * and which sign-ins a real run needs (infra/deploy-prerequisites.ts), runs and writes nothing, and succeeds
 * on a machine with none of them. A real run prints the same plan, stops before running anything when
 * something it needs is missing, and executes the plan's steps in order (PlanExecutor below).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFlags, refuseUsage } from '../command-line/flags';
import { SKILL_ID_PATTERN } from './app';
import { REPO_ROOT } from './bundling';
import { DeployConfigError, optionalAlarmEmail, readCdkContext, readRegions, requirePrivacyPolicyUrl } from './deploy-config';
import { describePlan, planDeploy, projectFiles, showCommand, withSkillId, type Command, type DeployPlan, type RegionalStack, type Step } from './deploy-plan';
import {
  AwsCredentialsError,
  CdkNotBootstrappedError,
  AskNotConfiguredError,
  checkPrerequisites,
  DeployError,
  describePrerequisites,
  missingPrerequisiteError,
} from './deploy-prerequisites';
import { LOCALES as SKILL_LOCALES } from '../interaction-models/source';
import { buildSkillPackage, creationManifest, SkillPackageError } from './package-skill';
import { STACK_OUTPUTS } from './stack';

export { ASK_ENV_PROFILE, AskNotConfiguredError, AwsCredentialsError, CdkNotBootstrappedError, checkAskConfigured, DeployError } from './deploy-prerequisites';
export type { Command } from './deploy-plan';

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
  /** Each region's endpoint (its stack's live alias), by AWS region. */
  readonly endpointArns: Readonly<Record<string, string>>;
  /** What was (or, in a dry run, would be) done. */
  readonly plan: DeployPlan;
}

interface Ran {
  readonly stdout: string;
  readonly stderr: string;
}

/** The ASK CLI's files of a project, in the formats ask-cli itself reads and writes. */
class AskProject {
  readonly resourcesFile: string;
  readonly statesFile: string;

  constructor(readonly dir: string) {
    this.resourcesFile = path.join(dir, 'ask-resources.json');
    this.statesFile = projectFiles(dir).statesFile;
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

/** The stand-alone error a failed `cdk deploy` means, judged from what cdk printed. */
export function cdkFailure(stderr: string, code: number | null, skillId: string, stacks: readonly RegionalStack[]): DeployError {
  if (/Has the environment been bootstrapped|cdk bootstrap|CDKToolkit.*(not found|does not exist)/i.test(stderr)) {
    // cdk names the stack that failed ("❌  LegCrampSkill-eu-west-1 failed: ..."): bootstrap its region.
    const failed = stacks.filter((s) => stderr.includes(`${s.stackName} failed`) || stderr.includes(`${s.stackName}:`));
    const regions = (failed.length > 0 ? failed : stacks).map((s) => s.region);
    return new CdkNotBootstrappedError(
      `The AWS account is not bootstrapped for the CDK in ${regions.join(', ')}. Run once: ` +
        `npx cdk bootstrap -c skillId=${skillId}   (every region of the app; or npx cdk bootstrap ` +
        `${regions.map((r) => `aws://<account id>/${r}`).join(' ')}), then npm run deploy again.`,
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
  return new ToolFailedError(`${showCommand(command)} failed (exit ${code}): ${stderr.trim() || 'no message'}`);
}

function parseJson<T>(command: Command, stdout: string): T {
  const start = stdout.indexOf('{');
  const end = stdout.lastIndexOf('}');
  try {
    return JSON.parse(stdout.slice(start, end + 1)) as T;
  } catch (cause) {
    throw new ToolFailedError(`${showCommand(command)} printed no JSON: ${stdout.trim().slice(0, 300)}`, { cause });
  }
}

export async function deploy(options: DeployOptions = {}): Promise<DeployResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const project = new AskProject(options.projectDir ?? REPO_ROOT);
  const askProfile = options.askProfile ?? env.ASK_DEFAULT_PROFILE ?? 'default';

  // The configuration the plan is made of; a malformed one stops even a dry run.
  const context = options.context ?? readCdkContext();
  const regions = readRegions(context, SKILL_LOCALES);
  optionalAlarmEmail(context.alarmEmail);
  const knownSkillId = project.skillId(askProfile);
  const plan = planDeploy({
    regions,
    askProfile,
    projectDir: project.dir,
    cdkDir: options.cdkDir ?? REPO_ROOT,
    packageDir: project.skillPackageDir(askProfile),
    yes: options.yes,
    ...(knownSkillId ? { knownSkillId } : {}),
  });
  const prerequisites = checkPrerequisites({ privacyPolicyUrl: context.privacyPolicyUrl, askProfile, env, regions });
  const placeholderArns = Object.fromEntries(plan.stacks.map((s) => [s.region, `<${STACK_OUTPUTS.skillEndpointArn} of ${s.stackName}>`]));

  if (options.dryRun) {
    log('Dry run (nothing is run or written). The plan:');
    describePlan(plan, project.dir).forEach((line) => log(line));
    describePrerequisites(prerequisites).forEach((line) => log(line));
    return { skillId: plan.knownSkillId ?? '<skill id from create-skill-for-vendor>', created: !plan.knownSkillId, endpointArns: placeholderArns, plan };
  }

  describePlan(plan, project.dir).forEach((line) => log(line));
  const missing = missingPrerequisiteError(prerequisites);
  if (missing) throw missing;
  const executor = new PlanExecutor(plan, project, {
    env,
    log,
    echo: options.echo ?? ((chunk, stream) => process[stream].write(chunk)),
    pollIntervalMs: options.pollIntervalMs ?? 3000,
    pollTimeoutMs: options.pollTimeoutMs ?? 5 * 60_000,
    privacyPolicyUrl: requirePrivacyPolicyUrl(context.privacyPolicyUrl),
  });
  for (const step of plan.steps) await executor.run(step);
  const skillId = executor.skillId!;
  log(
    `Done: skill ${skillId} → ${Object.entries(executor.endpointArns).map(([region, arn]) => `${region}: ${arn}`).join(', ')}. ` +
      'In the developer console\'s Test tab, say "open leg cramp helper".',
  );
  return { skillId, created: !plan.knownSkillId, endpointArns: executor.endpointArns, plan };
}

interface ExecutorDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly echo: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  readonly pollIntervalMs: number;
  readonly pollTimeoutMs: number;
  readonly privacyPolicyUrl: string;
}

/** Runs the plan's steps in order, carrying what they return (the skill id, the endpoint ARNs). */
class PlanExecutor {
  skillId: string | undefined;
  endpointArns: Record<string, string> = {};

  constructor(
    private readonly plan: DeployPlan,
    private readonly project: AskProject,
    private readonly deps: ExecutorDeps,
  ) {
    this.skillId = plan.knownSkillId;
  }

  async run(step: Step): Promise<void> {
    switch (step.kind) {
      case 'writeCreationManifest':
        mkdirSync(path.dirname(step.file), { recursive: true });
        writeFileSync(step.file, `${JSON.stringify(creationManifest(), null, 2)}\n`);
        return;
      case 'createSkill': {
        const created = parseJson<{ skillId?: string }>(step.command, (await this.tool(step.command, true)).stdout).skillId;
        if (!created || !SKILL_ID_PATTERN.test(created)) throw new ToolFailedError(`${showCommand(step.command)} returned no skill id.`);
        this.project.saveSkillId(this.plan.askProfile, created); // kept at once: a later failure must not create a second skill
        this.skillId = created;
        this.deps.log(`Created skill ${created} (kept in ${path.relative(this.project.dir, this.project.statesFile)}).`);
        return;
      }
      case 'waitForSkill':
        return this.waitForSkill(this.resolved(step.command));
      case 'deployStacks': {
        const id = this.skillId!;
        await this.tool(this.resolved(step.command), false, (stderr, code) => cdkFailure(stderr, code, id, step.stacks));
        this.endpointArns = readEndpointArns(step.outputsFile, step.stacks);
        for (const [region, arn] of Object.entries(this.endpointArns)) this.deps.log(`Endpoint in ${region}: ${arn}`);
        return;
      }
      case 'buildPackage':
        buildSkillPackage({ functionArns: Object.values(this.endpointArns), privacyPolicyUrl: this.deps.privacyPolicyUrl, outDir: step.outDir });
        this.deps.log(`Wrote ${path.relative(this.project.dir, step.outDir)}/`);
        return;
      case 'uploadPackage':
        await this.tool(this.resolved(step.command), false);
        return;
      case 'enableSkill':
        await this.tool(this.resolved(step.command), true);
        return;
    }
  }

  private resolved(command: Command): Command {
    return this.skillId ? withSkillId(command, this.skillId) : command;
  }

  /**
   * Runs a tool found on PATH (npm run puts node_modules/.bin first; the repo's copy is the fallback).
   * `failure` turns a non-zero exit into the error that says what to do.
   */
  private tool(
    command: Command,
    capture: boolean,
    failure: (stderr: string, code: number | null) => DeployError = (stderr, code) => askFailure(command, stderr, code),
  ): Promise<Ran> {
    const { env, log, echo } = this.deps;
    log(`$ ${showCommand(command)}`);
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
  }

  private async waitForSkill(status: Command): Promise<void> {
    const deadline = Date.now() + this.deps.pollTimeoutMs;
    for (;;) {
      const body = parseJson<{ manifest?: { lastUpdateRequest?: { status?: string; errors?: unknown[] } } }>(status, (await this.tool(status, true)).stdout);
      const request = body.manifest?.lastUpdateRequest;
      if (request?.status === 'SUCCEEDED') return;
      if (request?.status === 'FAILED') throw new ToolFailedError(`Creating the skill failed: ${JSON.stringify(request.errors ?? [])}`);
      if (Date.now() > deadline) throw new ToolFailedError(`Skill ${this.skillId} was still being created after ${this.deps.pollTimeoutMs / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, this.deps.pollIntervalMs));
    }
  }
}

/**
 * Each stack's SkillEndpointArn output from `cdk deploy --outputs-file` ({ "<stack>": { "<output>": value } }),
 * by region; each must be a function in its stack's own region.
 */
export function readEndpointArns(outputsFile: string, stacks: readonly RegionalStack[]): Record<string, string> {
  let outputs: Record<string, Record<string, string>>;
  try {
    outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as typeof outputs;
  } catch (cause) {
    throw new DeployError(`cdk wrote no outputs file (${outputsFile}): ${(cause as Error).message}`, { cause });
  }
  const arns: Record<string, string> = {};
  for (const stack of stacks) {
    const arn = outputs[stack.stackName]?.[STACK_OUTPUTS.skillEndpointArn];
    if (!arn) throw new DeployError(`${outputsFile} has no ${stack.stackName}.${STACK_OUTPUTS.skillEndpointArn} output.`);
    if (!arn.startsWith(`arn:aws:lambda:${stack.region}:`)) {
      throw new DeployError(`${stack.stackName}.${STACK_OUTPUTS.skillEndpointArn} is ${arn}, not a function in ${stack.region}.`);
    }
    arns[stack.region] = arn;
  }
  return arns;
}

export const DEPLOY_USAGE = 'usage: npm run deploy -- [--dry-run] [--profile <ask profile>] [--yes]';

/** The command line: `--profile x` and `--profile=x` alike; an unknown flag or a stray word is refused with the usage. */
export function parseDeployArgs(argv: readonly string[]): Pick<DeployOptions, 'dryRun' | 'yes' | 'askProfile'> {
  const values = parseFlags(argv, { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, profile: { type: 'string' } }, DEPLOY_USAGE);
  return {
    ...(values['dry-run'] ? { dryRun: true } : {}),
    ...(values.yes ? { yes: true } : {}),
    ...(values.profile !== undefined ? { askProfile: values.profile } : {}),
  };
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
      refuseUsage(error);
    }
  })();
}
