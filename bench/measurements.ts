/**
 * The measuring steps, each a series of fresh child processes (bench/children/) against the built bundles and
 * the one counting dynalite. Sides alternate from run to run (A B, B A, ...) so a slow drift in the machine's
 * load does not favour either. bench/README.md describes each step.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { launchEnvelope } from '../simulation/envelope';
import { benchUserId, SKILL_ID } from './conversation';
import { assertIdentical } from './equivalence';
import type { Builds } from './harness/bundles';
import { runChild } from './harness/child-process';
import type { BenchDynamo } from './harness/counting-dynamo';
import type { OperationCounts } from './harness/operation-counts';
import { LOAD_SUBJECTS, SIDES, type LoadSubject, type Side, type Store } from './results';

/** What bench/children/cold.ts reports from inside its process (performance.now(): ms since the process started). */
export interface ColdChildResult {
  readonly processStartToRequireMs: number;
  readonly requireMs: number;
  readonly firstInvokeMs: number;
  readonly requireToResponseMs: number;
  readonly processStartToResponseMs: number;
  readonly cpuMs: number;
  readonly maxRssKiB: number;
}

export interface ColdSample extends ColdChildResult {
  /** The parent's wait from spawning `node` to the Launch response on the child's stdout. */
  readonly spawnToResponseMs: number;
  readonly parentWallMs: number;
  readonly counts: OperationCounts;
  readonly response: ResponseEnvelope;
}

export interface LoadSample {
  readonly spawnToLoadedMs: number;
  readonly requireMs: number;
}

/** What bench/children/first-read.ts reports. */
export interface FirstReadSample {
  readonly firstReadMs: number;
  readonly secondReadMs: number;
}

/** What bench/children/warm.ts reports, plus the DynamoDB calls the proxy counted during the run. */
export interface WarmSample {
  readonly turns: number;
  readonly turnMs: number[];
  readonly turnCpuMs: number[];
  readonly firstResponses: ResponseEnvelope[][];
  readonly maxRssKiB: number;
  readonly counts?: OperationCounts;
}

/** What every step runs against: the bundles, the one dynalite behind its counting proxy, a table per side. */
export interface BenchRig {
  readonly builds: Builds;
  readonly dynamo: BenchDynamo;
  readonly tables: Record<Side, string>;
}

export interface WarmSettings {
  readonly runs: number;
  readonly conversationsPerRun: number;
  readonly warmupConversations: number;
}

function bundleFile(builds: Builds, subject: LoadSubject): string {
  switch (subject) {
    case 'bare':
      return '';
    case 'coreOnly':
      return builds.coreOnly.file;
    case 'baseline':
      return builds.baseline.file;
    case 'ours':
    case 'oursWithSourceMaps':
      return builds.ours.file;
  }
}

/** The environment Lambda would give a side's function. */
function lambdaEnvironment(rig: BenchRig, side: Side): Record<string, string> {
  return {
    HISTORY_TABLE_NAME: rig.tables[side],
    DYNAMODB_ENDPOINT: rig.dynamo.endpoint,
    SKILL_ID,
    // Credentials where Lambda puts the execution role's: both SDKs find them through their default providers.
    AWS_ACCESS_KEY_ID: 'AKIDBENCHEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
    AWS_SESSION_TOKEN: 'bench-session-token',
    // Both SDKs get keep-alive (v3: our client sets it; v2: this variable, as AWS's guides advise).
    AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
    // Neither SDK's notice about its support policy: v2's maintenance mode, v3's warning about Node 20 (Lambda
    // runs Node 24, which gets none), each printed on first use.
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function alternating<T>(items: readonly T[], run: number): readonly T[] {
  return run % 2 === 0 ? items : [...items].reverse();
}

function runWarmChild(rig: BenchRig, side: Side, store: Store, user: string, conversations: number, warmup: number): Promise<WarmSample> {
  return runChild<WarmSample>(rig.builds.warmChild, {
    ...lambdaEnvironment(rig, side),
    BENCH_SIDE: side,
    BENCH_STORE: store,
    BENCH_BUNDLE: bundleFile(rig.builds, side),
    BENCH_USER: user,
    BENCH_CONVERSATIONS: String(conversations),
    BENCH_WARMUP: String(warmup),
  });
}

/**
 * Both bundles answer the scripted conversation twice (a first-time, then a returning listener) identically.
 * This also seeds the returning listener the cold starts and first reads use. Returns the responses compared.
 */
export async function checkEquivalence(rig: BenchRig): Promise<number> {
  const ours = await runWarmChild(rig, 'ours', 'dynamo', 'returning', 1, 1);
  const baseline = await runWarmChild(rig, 'baseline', 'dynamo', 'returning', 1, 1);
  let compared = 0;
  for (let c = 0; c < 2; c++) compared += assertIdentical(`bundles, conversation ${c + 1}`, ours.firstResponses[c], baseline.firstResponses[c]);
  return compared;
}

/** The returning listener's Launch in a fresh process, per side per run; the first launches are compared. */
export async function measureColdStarts(rig: BenchRig, runs: number): Promise<{ samples: Record<Side, ColdSample[]>; compared: number }> {
  const samples: Record<Side, ColdSample[]> = { ours: [], baseline: [] };
  const userId = benchUserId('returning');
  const event = JSON.stringify(launchEnvelope({ skillId: SKILL_ID, userId, locale: 'en-US', sessionId: `amzn1.echo-api.session.${userId}`, newSession: true, attributes: {} }));
  for (let i = 0; i < runs; i++) {
    for (const side of alternating(SIDES, i)) {
      rig.dynamo.resetCounts();
      const { answerMs, answer, ...sample } = await runChild<ColdChildResult>(rig.builds.coldChild, {
        ...lambdaEnvironment(rig, side),
        BENCH_BUNDLE: bundleFile(rig.builds, side),
        BENCH_EVENT: event,
      });
      if (answerMs === undefined) throw new Error(`cold start (${side}): no response on stdout`);
      samples[side].push({ ...sample, spawnToResponseMs: answerMs, response: answer as ResponseEnvelope, counts: rig.dynamo.resetCounts() });
    }
  }
  const compared = assertIdentical('cold-start launch', [samples.ours[0].response], [samples.baseline[0].response]);
  return { samples, compared };
}

/** Rounds of every load subject, required but not invoked. */
export async function measureLoadOnlyStarts(rig: BenchRig, rounds: number): Promise<Record<LoadSubject, LoadSample[]>> {
  const samples: Record<LoadSubject, LoadSample[]> = { bare: [], coreOnly: [], ours: [], baseline: [], oursWithSourceMaps: [] };
  for (let i = 0; i < rounds; i++) {
    for (const subject of alternating(LOAD_SUBJECTS, i)) {
      const sample = await runChild<ColdChildResult>(rig.builds.coldChild, {
        ...lambdaEnvironment(rig, 'ours'),
        BENCH_BUNDLE: bundleFile(rig.builds, subject),
        ...(subject === 'oursWithSourceMaps' ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      });
      if (sample.answerMs === undefined) throw new Error(`load-only start (${subject}): nothing on stdout`);
      samples[subject].push({ spawnToLoadedMs: sample.answerMs, requireMs: sample.requireMs });
    }
  }
  return samples;
}

/** Our history store's first and second read of the returning listener, each run in a fresh process. */
export async function measureFirstReads(rig: BenchRig, runs: number): Promise<FirstReadSample[]> {
  const samples: FirstReadSample[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await runChild<FirstReadSample>(rig.builds.firstReadChild, { ...lambdaEnvironment(rig, 'ours'), BENCH_USER: 'returning' }));
  }
  return samples;
}

/** Runs of the scripted conversation, each in its own process, with a fresh listener per run; each round's first two conversations are compared. */
export async function measureWarmTurns(rig: BenchRig, store: Store, settings: WarmSettings): Promise<{ samples: Record<Side, WarmSample[]>; compared: number }> {
  const samples: Record<Side, WarmSample[]> = { ours: [], baseline: [] };
  let compared = 0;
  for (let r = 0; r < settings.runs; r++) {
    for (const side of alternating(SIDES, r)) {
      rig.dynamo.resetCounts();
      const sample = await runWarmChild(rig, side, store, `warm-${store}-${r}`, settings.conversationsPerRun, settings.warmupConversations);
      samples[side].push({ ...sample, counts: rig.dynamo.resetCounts() });
    }
    for (let c = 0; c < 2; c++) {
      compared += assertIdentical(`warm ${store} run ${r + 1}, conversation ${c + 1}`, samples.ours[r].firstResponses[c], samples.baseline[r].firstResponses[c]);
    }
  }
  return { samples, compared };
}
