/**
 * Stand-in `ask` and `cdk` executables for testing infra/deploy.ts without Amazon or AWS. Each records
 * its arguments and working directory, then answers the way the real tool does (messages and files as
 * ask-cli 2.30 and aws-cdk 2 print and write them):
 *   ask   reads ~/.ask/cli_config first ("File … not exists." / "Can't resolve profile" when missing);
 *         smapi create-skill-for-vendor prints {"skillId"} plus the asynchronous-operation warning;
 *         smapi get-skill-status answers IN_PROGRESS, then SUCCEEDED (or FAILED);
 *         deploy --target skill-metadata reads ask-resources.json and .ask/ask-states.json in its cwd,
 *         "imports" the package (a copy is kept for the test), creating a skill if the states hold none;
 *         smapi set-skill-enablement answers "Command executed successfully!".
 *   cdk   deploy of one or more regional stacks (LegCrampSkill-<region>) writes --outputs-file as
 *         { "<stack>": { "<output>": value } }, or fails as an account not bootstrapped in one region
 *         (eu-west-1) or missing credentials do.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type CdkScenario = 'ok' | 'not-bootstrapped' | 'no-credentials';
export type CreateScenario = 'ok' | 'failed';

export const STAND_IN_SKILL_ID = 'amzn1.ask.skill.11111111-2222-4333-8444-555555555555';
export const STAND_IN_ACCOUNT = '123456789012';

/** The flags each stand-in knows (those deploy.ts passes), as node:util parseArgs options, and its usage line. */
const FLAGS = {
  ask: {
    options: { profile: { type: 'string' }, manifest: { type: 'string' }, 'skill-id': { type: 'string' }, resource: { type: 'string' }, target: { type: 'string' }, stage: { type: 'string' } },
    usage: 'usage: ask <command> [subcommand] [--profile <p>] [--manifest <file>] [--skill-id <id>] [--resource <r>] [--target <t>] [--stage <s>]',
  },
  cdk: {
    options: { context: { type: 'string', short: 'c', multiple: true }, 'outputs-file': { type: 'string' }, 'require-approval': { type: 'string' } },
    usage: 'usage: cdk deploy <stack>... [-c <key=value>]... [--outputs-file <file>] [--require-approval <level>]',
  },
} as const;

/**
 * Both stand-ins start alike: record the call, then read it with node:util parseArgs (strict: an unknown flag
 * fails with the usage line, so deploy.ts cannot pass one the test never checks) and helpers to read options
 * and fail as the tools do.
 */
const preamble = (tool: 'ask' | 'cdk') => String.raw`#!/usr/bin/env node
const fs = require('fs'), path = require('path'), os = require('os');
const args = process.argv.slice(2);
const dir = process.env.STAND_IN_DIR;
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ tool: '${tool}', args, cwd: process.cwd() }) + '\n');
const fail = (message) => { process.stderr.write(message + '\n'); process.exit(1); };
let parsed;
try {
  parsed = require('node:util').parseArgs({ args, options: ${JSON.stringify(FLAGS[tool].options)}, strict: true, allowPositionals: true });
} catch (error) {
  fail(error.message.split('\n')[0] + '\n' + ${JSON.stringify(FLAGS[tool].usage)});
}
const opt = (name) => parsed.values[name];
const words = parsed.positionals;
`;

const ASK = preamble('ask') + String.raw`
const profile = opt('profile') || process.env.ASK_DEFAULT_PROFILE || 'default';
const config = path.join(os.homedir(), '.ask', 'cli_config');
if (!fs.existsSync(config)) {
  fail(words[0] === 'smapi'
    ? '[Error]: {\n  "message": "File ' + config + ' not exists.",\n  "detail": {\n    "name": "CliFileNotFoundError"\n  }\n}'
    : '[Error]: File ' + config + ' not exists.');
}
if (!JSON.parse(fs.readFileSync(config, 'utf8')).profiles[profile]) {
  fail("[Error]: Can't resolve profile [" + profile + '] as it doesn\'t exist. Please run "ask configure --profile ' + profile + '" first.');
}
const counter = (name) => { const f = path.join(dir, name); const n = fs.existsSync(f) ? Number(fs.readFileSync(f, 'utf8')) : 0; fs.writeFileSync(f, String(n + 1)); return n; };
const [group, command] = words;
if (group === 'smapi' && command === 'create-skill-for-vendor') {
  const body = JSON.parse(fs.readFileSync(opt('manifest').replace(/^file:/, ''), 'utf8'));
  fs.writeFileSync(path.join(dir, 'created-manifest.json'), JSON.stringify(body));
  process.stderr.write('[Warn]: This is an asynchronous operation. Check the progress using the following command: ask smapi get-skill-status --skill-id ' + process.env.STAND_IN_SKILL_ID + ' --profile ' + profile + '\n');
  console.log(JSON.stringify({ skillId: process.env.STAND_IN_SKILL_ID }, null, 2));
} else if (group === 'smapi' && command === 'get-skill-status') {
  const polls = counter('status-polls');
  const status = polls < 1 ? 'IN_PROGRESS' : process.env.STAND_IN_CREATE === 'failed' ? 'FAILED' : 'SUCCEEDED';
  const request = { status };
  if (status === 'FAILED') request.errors = [{ message: 'Skill name is invalid.' }];
  console.log(JSON.stringify({ manifest: { lastUpdateRequest: request } }, null, 2));
} else if (group === 'smapi' && command === 'set-skill-enablement') {
  console.log('Command executed successfully!');
} else if (group === 'deploy' && opt('target') === 'skill-metadata') {
  const resources = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'ask-resources.json'), 'utf8'));
  if (!resources.profiles[profile]) fail('[Error]: Profile [' + profile + '] does not exist. Please configure it in your ask-resources.json file.');
  const src = path.resolve(process.cwd(), resources.profiles[profile].skillMetadata.src);
  if (!fs.existsSync(src)) fail('[Error]: File ' + src + ' does not exist.');
  const statesFile = path.join(process.cwd(), '.ask', 'ask-states.json');
  const states = fs.existsSync(statesFile) ? JSON.parse(fs.readFileSync(statesFile, 'utf8')) : { askcliStatesVersion: '2020-03-31', profiles: {} };
  const state = states.profiles[profile] || (states.profiles[profile] = {});
  if (!state.skillId) { counter('skills-created-by-ask-deploy'); state.skillId = 'amzn1.ask.skill.99999999-9999-4999-8999-999999999999'; }
  const manifest = JSON.parse(fs.readFileSync(path.join(src, 'skill.json'), 'utf8'));
  if (/REPLACE/.test(manifest.manifest.apis.custom.endpoint.uri)) fail('[Error]: {"message": "Skill manifest is not valid.", "violations": [{"message": "Invalid endpoint uri."}]}');
  fs.writeFileSync(path.join(dir, 'uploaded-skill.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'uploaded-files.json'), JSON.stringify(fs.readdirSync(src, { recursive: true }).sort()));
  state.skillMetadata = { lastDeployHash: 'stand-in-hash', lastDeployType: 'interaction-model' };
  state.deploymentStatus = 'COMPLETE';
  fs.writeFileSync(statesFile, JSON.stringify(states, null, 2));
  console.log('Deploy configuration loaded from ask-resources.json\nDeploy project for profile [' + profile + ']\n\n==================== Deploy Skill Metadata ====================\nUploading the entire skill package and building the models. Normally it takes a few minutes...\nSkill package deployed and all models built successfully.\nSkill ID: ' + state.skillId);
} else {
  fail('Command not recognized. Please run "ask" to check the user instructions.');
}
`;

const CDK = preamble('cdk') + String.raw`
if (words[0] !== 'deploy') fail('Unknown command: ' + words[0]);
const stacks = [];
stacks.push(...words.slice(1));
const scenario = process.env.STAND_IN_CDK || 'ok';
const unbootstrapped = process.env.STAND_IN_UNBOOTSTRAPPED_REGION || 'eu-west-1';
const regionOf = (stack) => stack.replace(/^LegCrampSkill-/, '');
if (scenario === 'no-credentials') {
  fail('Unable to resolve AWS account to use. It must be either configured when you define your CDK Stack, or through the environment');
}
const outputs = {};
for (const stack of stacks) {
  const region = regionOf(stack);
  if (scenario === 'not-bootstrapped' && region === unbootstrapped) {
    fail('\n❌  ' + stack + ' failed: ' + stack + ': SSM parameter /cdk-bootstrap/hnb659fds/version not found. Has the environment been bootstrapped? Please run \'cdk bootstrap\' (see https://docs.aws.amazon.com/cdk/latest/guide/bootstrapping.html)');
  }
  outputs[stack] = {
    SkillEndpointArn: 'arn:aws:lambda:' + region + ':${STAND_IN_ACCOUNT}:function:' + stack + '-SkillFunction1A2B3C4D-AbCdEfGhIjKl:live',
    HistoryTableName: stack + '-HistoryTable1A2B3C4D-ABCDEFGHIJKL',
    AlarmTopicArn: 'arn:aws:sns:' + region + ':${STAND_IN_ACCOUNT}:' + stack + '-AlarmTopic1A2B3C4D-AbCdEfGhIjKl',
  };
  console.log('\n ✅  ' + stack + '\n\nOutputs:\n' + Object.entries(outputs[stack]).map(([k, v]) => stack + '.' + k + ' = ' + v).join('\n'));
}
const file = opt('outputs-file');
if (file) { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, JSON.stringify(outputs, null, 2)); }
`;

export interface StandIns {
  readonly root: string;
  readonly projectDir: string;
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every call so far, in order. */
  calls(): Array<{ tool: 'ask' | 'cdk'; args: string[]; cwd: string }>;
  /** A JSON file a stand-in kept (the created manifest, the uploaded skill.json, ...), or undefined. */
  kept<T>(name: string): T | undefined;
}

export interface StandInOptions {
  /** ~/.ask/cli_config: absent, or with these profiles (default: a configured "default"). */
  readonly askProfiles?: string[] | 'absent';
  readonly cdk?: CdkScenario;
  readonly create?: CreateScenario;
  /** ask-resources.json to put in the project (default: the repository's). */
  readonly askResources?: string;
  /** AWS credentials in the environment (default: yes). */
  readonly awsCredentials?: boolean;
}

export function makeStandIns(options: StandInOptions = {}): StandIns {
  const root = mkdtempSync(path.join(os.tmpdir(), 'deploy-stand-ins-'));
  const bin = path.join(root, 'bin');
  const home = path.join(root, 'home');
  const projectDir = path.join(root, 'project');
  for (const d of [bin, home, projectDir]) mkdirSync(d);
  writeFileSync(path.join(bin, 'ask'), ASK);
  writeFileSync(path.join(bin, 'cdk'), CDK);
  chmodSync(path.join(bin, 'ask'), 0o755);
  chmodSync(path.join(bin, 'cdk'), 0o755);

  const profiles = options.askProfiles ?? ['default'];
  if (profiles !== 'absent') {
    mkdirSync(path.join(home, '.ask'));
    const entries = Object.fromEntries(
      profiles.map((p) => [p, { aws_profile: '__AWS_CLI_ENV_VARIABLE__', token: { access_token: 'stand-in' }, vendor_id: 'M1STANDIN' }]),
    );
    writeFileSync(path.join(home, '.ask', 'cli_config'), JSON.stringify({ profiles: entries }, null, 2));
  }
  writeFileSync(
    path.join(projectDir, 'ask-resources.json'),
    options.askResources ?? readFileSync(path.join(__dirname, '..', '..', 'ask-resources.json'), 'utf8'),
  );

  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    STAND_IN_DIR: root,
    STAND_IN_SKILL_ID,
    STAND_IN_CDK: options.cdk ?? 'ok',
    STAND_IN_CREATE: options.create ?? 'ok',
    // What `aws configure` leaves for the CDK CLI (the stand-in cdk never reads it).
    ...(options.awsCredentials === false ? {} : { AWS_ACCESS_KEY_ID: 'AKIDSTANDIN', AWS_SECRET_ACCESS_KEY: 'stand-in-secret' }),
  };
  const calls = () => {
    const file = path.join(root, 'calls.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  };
  const kept = <T>(name: string): T | undefined => {
    const file = path.join(root, name);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
  };
  return { root, projectDir, home, env, calls, kept };
}
