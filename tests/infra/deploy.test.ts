import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import {
  askFailure,
  AskNotConfiguredError,
  AwsCredentialsError,
  CdkNotBootstrappedError,
  deploy,
  DeployOptions,
  DeployResult,
  parseDeployArgs,
  ToolFailedError,
} from '../../infra/deploy';
import { DeployConfigError } from '../../infra/deploy-config';
import { showCommand, withSkillId } from '../../infra/deploy-plan';
import { REPO_ROOT, runEntry } from '../helpers/run-entry';
import { makeStandIns, STAND_IN_ACCOUNT, STAND_IN_SKILL_ID, StandIns, StandInOptions } from '../helpers/stand-in-tools';

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];
const CONTEXT = { regions: REGIONS, privacyPolicyUrl: 'https://legcramphelper.github.io/privacy', alarmEmail: '' };
const STACKS = REGIONS.map((region) => `LegCrampSkill-${region}`);
const endpoint = (region: string) => `arn:aws:lambda:${region}:${STAND_IN_ACCOUNT}:function:LegCrampSkill-${region}-SkillFunction1A2B3C4D-AbCdEfGhIjKl:live`;
const ENDPOINTS = Object.fromEntries(REGIONS.map((region) => [region, endpoint(region)]));

const made: StandIns[] = [];
afterAll(() => made.forEach((s) => rmSync(s.root, { recursive: true, force: true })));

function standIns(options?: StandInOptions): StandIns {
  const s = makeStandIns(options);
  made.push(s);
  return s;
}

function run(s: StandIns, extra: Partial<DeployOptions> = {}): { result: Promise<DeployResult>; lines: string[] } {
  const lines: string[] = [];
  const result = deploy({
    projectDir: s.projectDir,
    cdkDir: s.projectDir,
    context: CONTEXT,
    env: s.env,
    log: (line) => lines.push(line),
    echo: () => undefined,
    pollIntervalMs: 1,
    ...extra,
  });
  return { result, lines };
}

/** "ask smapi create-skill-for-vendor", "cdk deploy", "ask deploy": the first words of each call. */
const steps = (s: StandIns) => s.calls().map((c) => [c.tool, ...c.args.slice(0, 2).filter((a) => !a.startsWith('-'))].join(' '));
const argsOf = (s: StandIns, tool: string, first: string) => s.calls().filter((c) => c.tool === tool && c.args[0] === first).map((c) => c.args);
const states = (s: StandIns) => JSON.parse(readFileSync(path.join(s.projectDir, '.ask', 'ask-states.json'), 'utf8'));

describe('first deploy', () => {
  let s: StandIns;
  let result: DeployResult;

  beforeAll(async () => {
    s = standIns();
    result = await run(s).result;
  }, 60_000);

  test('creates the skill, waits for it, deploys the stack, uploads the package and enables the skill, in that order', () => {
    expect(steps(s)).toEqual([
      'ask smapi create-skill-for-vendor',
      'ask smapi get-skill-status',
      'ask smapi get-skill-status',
      'cdk deploy LegCrampSkill-us-east-1',
      'ask deploy',
      'ask smapi set-skill-enablement',
    ]);
  });

  test('deploys every regional stack in one cdk run', () => {
    const [args] = argsOf(s, 'cdk', 'deploy');
    expect(args.slice(1, 4)).toEqual(STACKS);
  });

  test('reports the new skill and each region\'s endpoint', () => {
    expect(result).toMatchObject({ skillId: STAND_IN_SKILL_ID, created: true, endpointArns: ENDPOINTS });
  });

  test('creates the skill without an endpoint', () => {
    expect(s.kept<{ manifest: { apis: unknown } }>('created-manifest.json')?.manifest.apis).toEqual({ custom: {} });
  });

  test('keeps the skill id in .ask/ask-states.json, in the ASK CLI format', () => {
    expect(states(s)).toMatchObject({ askcliStatesVersion: '2020-03-31', profiles: { default: { skillId: STAND_IN_SKILL_ID } } });
  });

  test('deploys the stack for that skill id', () => {
    expect(argsOf(s, 'cdk', 'deploy')[0]).toEqual(expect.arrayContaining(['-c', `skillId=${STAND_IN_SKILL_ID}`]));
  });

  test('asks cdk for an outputs file', () => {
    expect(argsOf(s, 'cdk', 'deploy')[0]).toEqual(expect.arrayContaining(['--outputs-file', path.join(s.projectDir, '.ask', 'cdk-outputs.json')]));
  });

  test('uploads only the skill package (ask deploy --target skill-metadata, from the project directory)', () => {
    const call = s.calls().find((c) => c.tool === 'ask' && c.args[0] === 'deploy')!;
    expect(call.args.slice(0, 3)).toEqual(['deploy', '--target', 'skill-metadata']);
    expect(call.cwd).toBe(s.projectDir);
  });

  type Uploaded = { manifest: { apis: { custom: { endpoint: { uri: string }; regions: Record<string, { endpoint: { uri: string } }> } } } };

  test("the uploaded default endpoint is North America's SkillEndpointArn output (its live alias)", () => {
    expect(s.kept<Uploaded>('uploaded-skill.json')?.manifest.apis.custom.endpoint.uri).toBe(ENDPOINTS['us-east-1']);
  });

  test("the uploaded regional endpoints are each region's SkillEndpointArn output", () => {
    const regions = s.kept<Uploaded>('uploaded-skill.json')!.manifest.apis.custom.regions;
    expect(Object.fromEntries(Object.entries(regions).map(([code, r]) => [code, r.endpoint.uri]))).toEqual({
      NA: ENDPOINTS['us-east-1'],
      EU: ENDPOINTS['eu-west-1'],
      FE: ENDPOINTS['us-west-2'],
    });
  });

  test('the uploaded package holds the manifest, five models and the icons', () => {
    const files = s.kept<string[]>('uploaded-files.json')!;
    expect(files).toEqual(expect.arrayContaining(['skill.json', path.join('interactionModels', 'custom', 'en-IN.json'), path.join('assets', 'images', 'en-US_largeIconUri.png')]));
    expect(files.filter((f) => f.endsWith('.json') && f.includes('interactionModels'))).toHaveLength(5);
  });

  test('the ASK CLI never had to create a skill itself', () => {
    expect(existsSync(path.join(s.root, 'skills-created-by-ask-deploy'))).toBe(false);
  });

  test('every ask command names the profile', () => {
    for (const call of s.calls().filter((c) => c.tool === 'ask')) expect(call.args.slice(-2)).toEqual(['--profile', 'default']);
  });

  test('enables the new skill for testing', () => {
    expect(argsOf(s, 'ask', 'smapi').pop()).toEqual(expect.arrayContaining(['--skill-id', STAND_IN_SKILL_ID, '--stage', 'development']));
  });

  describe('then a redeploy', () => {
    let before: number;
    let again: DeployResult;

    beforeAll(async () => {
      before = s.calls().length;
      again = await run(s).result;
    }, 60_000);

    test('reuses the kept skill id: no new skill', () => {
      expect(steps(s).slice(before)).toEqual(['cdk deploy LegCrampSkill-us-east-1', 'ask deploy', 'ask smapi set-skill-enablement']);
    });

    test('deploys the stack for the same skill', () => {
      expect(argsOf(s, 'cdk', 'deploy')[1]).toEqual(expect.arrayContaining(['-c', `skillId=${STAND_IN_SKILL_ID}`]));
    });

    test('reports the same skill, not created', () => {
      expect(again).toMatchObject({ skillId: STAND_IN_SKILL_ID, created: false, endpointArns: ENDPOINTS });
    });
  });
});

describe('errors', () => {
  test('without `ask configure` it stops before running anything', async () => {
    const s = standIns({ askProfiles: 'absent' });
    await expect(run(s).result).rejects.toThrow(AskNotConfiguredError);
    expect(s.calls()).toEqual([]);
  });

  test('the missing configuration error says how to fix it', async () => {
    const s = standIns({ askProfiles: 'absent' });
    await expect(run(s).result).rejects.toThrow(/npx ask configure/);
  });

  test('an ASK profile that was never configured is refused before running anything', async () => {
    const s = standIns({ askProfiles: ['work'] });
    await expect(run(s).result).rejects.toThrow(/no profile "default".*ask configure/);
    expect(s.calls()).toEqual([]);
  });

  test.each([
    // What ask-cli 2.30.7 prints, run here with an empty HOME (ask deploy, then ask smapi ...).
    ['[Error]: File /home/me/.ask/cli_config not exists.'],
    ['[Error]: {\n  "message": "File /home/me/.ask/cli_config not exists.",\n  "detail": {\n    "name": "CliFileNotFoundError"\n  }\n}'],
    [`[Error]: Can't resolve profile [work] as it doesn't exist. Please run "ask configure --profile work" first.`],
  ])('the ASK CLI\'s own "not configured" answer is reported as such: %s', (stderr) => {
    expect(askFailure({ tool: 'ask', args: ['deploy'], cwd: '/' }, stderr, 1)).toBeInstanceOf(AskNotConfiguredError);
  });

  test('any other ASK CLI failure is reported with its message', () => {
    const failure = askFailure({ tool: 'ask', args: ['deploy'], cwd: '/' }, '[Error]: Skill manifest is not valid.', 1);
    expect(failure).toBeInstanceOf(ToolFailedError);
    expect(failure.message).toMatch(/ask deploy failed \(exit 1\): \[Error\]: Skill manifest is not valid\./);
  });

  test('a region Alexa does not call is refused before running anything', async () => {
    const s = standIns();
    await expect(run(s, { context: { ...CONTEXT, regions: ['us-east-1', 'ap-northeast-1'] } }).result).rejects.toThrow(DeployConfigError);
    expect(s.calls()).toEqual([]);
  });

  test('the wrong-region error names the regions to use', async () => {
    const s = standIns();
    await expect(run(s, { context: { ...CONTEXT, regions: ['eu-central-1'] } }).result).rejects.toThrow(/us-east-1.*eu-west-1.*us-west-2/);
  });

  test("the old single \"region\" key is refused before running anything, with how to change it", async () => {
    const s = standIns();
    const { regions: _none, ...old } = CONTEXT;
    await expect(run(s, { context: { ...old, region: 'us-east-1' } }).result).rejects.toThrow(/"regions": \["us-east-1"\]/);
    expect(s.calls()).toEqual([]);
  });

  test('missing AWS credentials stop a real run before running anything', async () => {
    const s = standIns({ awsCredentials: false });
    await expect(run(s).result).rejects.toThrow(AwsCredentialsError);
    expect(s.calls()).toEqual([]);
  });

  test('several missing sign-ins are named together, each with its fix', async () => {
    const s = standIns({ awsCredentials: false, askProfiles: 'absent' });
    const failure = run(s).result;
    await expect(failure).rejects.toThrow(/npx ask configure[\s\S]*aws configure/);
    expect(s.calls()).toEqual([]);
  });

  test('a missing privacy policy URL is refused before running anything', async () => {
    const s = standIns();
    await expect(run(s, { context: { ...CONTEXT, privacyPolicyUrl: '' } }).result).rejects.toThrow(/privacyPolicyUrl/);
    expect(s.calls()).toEqual([]);
  });

  test('an account without cdk bootstrap gets the bootstrap command', async () => {
    const s = standIns({ cdk: 'not-bootstrapped' });
    const failure = run(s).result;
    await expect(failure).rejects.toThrow(CdkNotBootstrappedError);
    await expect(failure).rejects.toThrow(new RegExp(`npx cdk bootstrap -c skillId=${STAND_IN_SKILL_ID}`));
  });

  test('the bootstrap error names the region cdk found not bootstrapped', async () => {
    const s = standIns({ cdk: 'not-bootstrapped' });
    await expect(run(s).result).rejects.toThrow(/not bootstrapped for the CDK in eu-west-1\./);
  });

  test('after a failed cdk deploy the created skill is kept, so the next run does not create another', async () => {
    const s = standIns({ cdk: 'not-bootstrapped' });
    await expect(run(s).result).rejects.toThrow(CdkNotBootstrappedError);
    expect(states(s).profiles.default.skillId).toBe(STAND_IN_SKILL_ID);
    await expect(run(s).result).rejects.toThrow(CdkNotBootstrappedError);
    expect(steps(s).filter((step) => step === 'ask smapi create-skill-for-vendor')).toHaveLength(1);
  });

  test('missing AWS credentials are named as such', async () => {
    const s = standIns({ cdk: 'no-credentials' });
    await expect(run(s).result).rejects.toThrow(AwsCredentialsError);
  });

  test('a failed skill creation stops before the stack', async () => {
    const s = standIns({ create: 'failed' });
    await expect(run(s).result).rejects.toThrow(ToolFailedError);
    expect(steps(s).filter((step) => step.startsWith('cdk'))).toEqual([]);
  });

  test('a profile missing from ask-resources.json is refused before running anything', async () => {
    const s = standIns({ askProfiles: ['default', 'work'] });
    await expect(run(s, { askProfile: 'work' }).result).rejects.toThrow(/ask-resources.json has no skill package for ASK profile "work"/);
    expect(s.calls()).toEqual([]);
  });
});

describe('--dry-run', () => {
  test('prints every command of a first deploy and runs none', async () => {
    const s = standIns();
    const { result, lines } = run(s, { dryRun: true });
    await result;
    expect(s.calls()).toEqual([]);
    const printed = lines.join('\n');
    for (const command of [
      'ask smapi create-skill-for-vendor --manifest file:',
      'ask smapi get-skill-status',
      `cdk deploy ${STACKS.join(' ')} -c`,
      ...STACKS.map((stack) => `--arn <SkillEndpointArn of ${stack}>`),
      'ask deploy --target skill-metadata --profile default',
      'ask smapi set-skill-enablement',
    ]) {
      expect(printed).toContain(command);
    }
  });

  test('writes nothing', async () => {
    const s = standIns();
    await run(s, { dryRun: true }).result;
    expect(existsSync(path.join(s.projectDir, '.ask'))).toBe(false);
    expect(existsSync(path.join(s.projectDir, 'skill-package'))).toBe(false);
  });

  test('after a deploy it prints the redeploy: the kept skill id and no creation', async () => {
    const s = standIns();
    await run(s).result;
    const { result, lines } = run(s, { dryRun: true });
    await result;
    expect(lines.join('\n')).toContain(`cdk deploy ${STACKS.join(' ')} -c skillId=${STAND_IN_SKILL_ID}`);
    expect(lines.join('\n')).not.toContain('create-skill-for-vendor');
  });
  test('without any sign-in it still prints the whole plan, then which sign-ins a real run needs', async () => {
    const s = standIns({ askProfiles: 'absent', awsCredentials: false });
    const { result, lines } = run(s, { dryRun: true, context: { ...CONTEXT, privacyPolicyUrl: '' } });
    await result;
    const printed = lines.join('\n');
    expect(printed).toContain('ask smapi set-skill-enablement');
    expect(printed).toMatch(/privacy policy URL.*MISSING/);
    expect(printed).toMatch(/ASK CLI sign-in \(profile "default"\): MISSING.*npx ask configure/);
    expect(printed).toMatch(/AWS credentials for cdk: MISSING/);
    expect(printed).toMatch(/would stop before running anything: 3 missing/);
    expect(s.calls()).toEqual([]);
  });

  test('says which sign-ins are present', async () => {
    const s = standIns();
    const { result, lines } = run(s, { dryRun: true });
    await result;
    expect(lines.join('\n')).toMatch(/ASK CLI sign-in \(profile "default"\): found/);
    expect(lines.join('\n')).toMatch(/AWS credentials for cdk: found \(AWS_ACCESS_KEY_ID in the environment\)/);
  });

  test('a real run runs the commands the dry run printed, in order, with the new skill id filled in', async () => {
    const s = standIns();
    const { plan } = await run(s, { dryRun: true }).result;
    await run(s).result;
    const planned = plan.steps.flatMap((step) => ('command' in step ? [showCommand(withSkillId(step.command, STAND_IN_SKILL_ID))] : []));
    // The status poll repeats its one planned command until the skill is created.
    const ran = s.calls().map((call) => showCommand(call)).filter((command, i, all) => command !== all[i - 1]);
    expect(ran).toEqual(planned);
  });

  test('with fewer regions, plans only their stacks and endpoints', async () => {
    const s = standIns();
    const { result, lines } = run(s, { dryRun: true, context: { ...CONTEXT, regions: ['eu-west-1'] } });
    await result;
    expect(lines.join('\n')).toContain('cdk deploy LegCrampSkill-eu-west-1 -c');
    expect(lines.join('\n')).not.toContain('LegCrampSkill-us-east-1');
  });
});

describe('the real tools', () => {

  // ask-cli 2.30.7 asks for antlr4ts ^0.5.0-alpha.4, which resolves to the broken 0.5.0-dev ("Class extends
  // value undefined" on load); package.json's "overrides" pins alpha.4. This fails if that pin is lost.
  test('the installed ask-cli loads', () => {
    const out = execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'ask'), ['--version'], {
      env: { ...process.env, HOME: '/nonexistent' },
      encoding: 'utf8',
    });
    expect(out.trim()).toMatch(/^2\.\d+\.\d+$/);
  });
});

describe('command line', () => {
  test('parses --dry-run, --yes and --profile', () => {
    expect(parseDeployArgs(['--dry-run', '--profile', 'work', '--yes'])).toEqual({ dryRun: true, askProfile: 'work', yes: true });
  });

  test('takes --profile=work as --profile work', () => {
    expect(parseDeployArgs(['--profile=work'])).toEqual(parseDeployArgs(['--profile', 'work']));
  });

  test('refuses an unknown argument with the usage', () => {
    expect(() => parseDeployArgs(['--force'])).toThrow(/Unknown option '--force'.*usage: npm run deploy/s);
  });

  test('refuses --profile without its value', () => {
    expect(() => parseDeployArgs(['--profile'])).toThrow(/--profile.*usage: npm run deploy/s);
  });

  test('--yes lets cdk deploy without its approval prompt', async () => {
    const s = standIns();
    await run(s, { yes: true }).result;
    expect(argsOf(s, 'cdk', 'deploy')[0]).toEqual(expect.arrayContaining(['--require-approval', 'never']));
  });

  test('a real run exits 1 with what is missing and no stack trace', () => {
    // The repository's cdk.json leaves privacyPolicyUrl empty until the owner publishes PRIVACY.md; no sign-ins here.
    const { status, stderr } = runEntry('infra/deploy.ts', [], { PATH: process.env.PATH, HOME: '/nonexistent' });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^\ndeploy: A deploy needs 3 things/);
    expect(stderr).toMatch(/Missing "privacyPolicyUrl"/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);

  test('--dry-run exits 0 on a machine with no sign-in and an incomplete cdk.json, printing the whole plan', () => {
    const { status, stdout } = runEntry('infra/deploy.ts', ['--dry-run'], { PATH: process.env.PATH, HOME: '/nonexistent' });
    expect(status).toBe(0);
    expect(stdout).toContain('ask smapi set-skill-enablement');
    expect(stdout).toMatch(/3 missing/);
  }, 60_000);
});
