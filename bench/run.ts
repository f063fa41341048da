/**
 * `npm run bench` (add `--quick` for a tiny setting): our skill against the conventional baseline
 * (bench/baseline), both bundled with infra/bundling.ts's settings and run against one embedded dynalite.
 * Writes bench/results.md and bench/results.json and prints the table. See bench/results.md for the design.
 */
import { spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { REPO_ROOT } from '../infra/bundling';
import { launchRequest } from '../tests/helpers/requests';
import { benchUserId, comparable, SCRIPT, SKILL_ID } from './conversation';
import { buildAll, type BundleInfo } from './lib/build';
import { startBenchDynamo, type BenchDynamo, type OperationCounts } from './lib/dynamo';
import { percentile, ratio, spread, type Spread } from './lib/stats';

export type Side = 'ours' | 'baseline';
export const SIDES: readonly Side[] = ['ours', 'baseline'];

export interface BenchOptions {
  /** Tiny setting for the test: few runs, few conversations. */
  readonly quick?: boolean;
  /** Where results.md / results.json go (default bench/). */
  readonly resultsDir?: string;
  /** Where the bundles are built (default bench/.out). */
  readonly buildDir?: string;
  /** Cold starts per side; also the rounds of load-only starts (bare node, ask-sdk-core alone, both bundles) and first reads. */
  readonly coldRuns?: number;
  readonly warmRuns?: number;
  readonly conversationsPerRun?: number;
  readonly warmupConversations?: number;
  /** Progress lines (default: stderr). */
  readonly progress?: (line: string) => void;
}

/** us-east-1 on-demand prices (since November 2024), USD per million request units. */
export const PRICES = { writeRequestUnitPerMillion: 0.625, readRequestUnitPerMillion: 0.125, region: 'us-east-1' } as const;

export const TARGETS = {
  bundleRatio: 1 / 25,
  coldStartRatio: 1 / 4,
  requestsPerTurnRatio: 1 / 2,
  warmP99MemoryMs: 2,
  itemBytes: 1024,
} as const;

/** What bench/children/cold.ts reports from inside the process (performance.now(): ms since it started). */
interface ColdChildResult {
  processStartToRequireMs: number;
  requireMs: number;
  firstInvokeMs: number;
  requireToResponseMs: number;
  processStartToResponseMs: number;
  cpuMs: number;
  maxRssKiB: number;
}

interface ColdSample extends ColdChildResult {
  /** Measured by the parent: spawning a fresh `node` until the Launch response arrives on its stdout. */
  spawnToResponseMs: number;
  parentWallMs: number;
  counts: OperationCounts;
  response: ResponseEnvelope;
}

/**
 * What is loaded in a load-only start: nothing (a bare `node`), ask-sdk-core alone, a side's bundle, or ours
 * with NODE_OPTIONS=--enable-source-maps, as infra/skill-function.ts deploys it (node then reads the source map
 * on load; the cold-start runs leave it out, like the conventional stack).
 */
export type LoadSubject = 'bare' | 'coreOnly' | Side | 'oursWithSourceMaps';
export const LOAD_SUBJECTS: readonly LoadSubject[] = ['bare', 'coreOnly', 'ours', 'baseline', 'oursWithSourceMaps'];

interface FirstReadSample {
  firstReadMs: number;
  secondReadMs: number;
}

interface WarmSample {
  turns: number;
  turnMs: number[];
  turnCpuMs: number[];
  firstResponses: ResponseEnvelope[][];
  maxRssKiB: number;
  counts?: OperationCounts;
}

export interface DynamoPerTurn {
  readonly requestsPerTurn: number;
  readonly readsPerTurn: number;
  readonly writesPerTurn: number;
  readonly consistentReads: string;
  readonly readUnitsPerTurn: number;
  readonly writeUnitsPerTurn: number;
  readonly itemBytesWrittenPerTurn: number;
  readonly requestBodyBytesPerTurn: number;
  readonly maxItemBytes: number;
  readonly costPerMillionTurnsUsd: number;
  readonly byOperation: Record<string, number>;
}

export interface WarmSummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  /** CPU time of the process during each turn (user + system): unlike wall time, not inflated when other processes take the CPU. */
  readonly cpu: { readonly p50: number; readonly p95: number; readonly p99: number };
  /** Each run's p99, spread over the runs. */
  readonly perRunP99: Spread;
  readonly turns: number;
  readonly maxRssMiB: Spread;
}

export interface Target {
  readonly name: string;
  readonly target: string;
  readonly value: string;
  readonly met: boolean;
}

export interface BenchResults {
  readonly meta: {
    readonly date: string;
    readonly node: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly quick: boolean;
    readonly coldRuns: number;
    readonly warmRuns: number;
    readonly conversationsPerRun: number;
    readonly warmupConversations: number;
    readonly script: readonly string[];
    readonly prices: typeof PRICES;
    readonly durationS: number;
    /** os.loadavg() (1, 5, 15 min) when the bench started and ended: above the core count, other work competed for the CPU. */
    readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  };
  readonly equivalence: { readonly identical: boolean; readonly comparedResponses: number };
  readonly bundle: Record<Side | 'coreOnly', Omit<BundleInfo, 'file'>> & { ratio: { raw: number; gzip: number } };
  readonly coldStart: Record<
    Side,
    {
      /** The target's figure: the parent's wait from spawning `node` to the Launch response. */
      spawnToResponseMs: Spread;
      processStartToRequireMs: Spread;
      requireToResponseMs: Spread;
      requireMs: Spread;
      firstInvokeMs: Spread;
      processStartToResponseMs: Spread;
      cpuMs: Spread;
      parentWallMs: Spread;
      maxRssMiB: Spread;
      dynamoRequests: number;
    }
  > & { ratio: { spawnToResponse: number; requireToResponse: number; processStartToResponse: number; cpu: number; parentWall: number; maxRss: number } };
  /**
   * Load-only starts: spawn → "loaded" line for a bare `node` and for each bundle (required, not invoked);
   * `overBareMs` is the median over rounds of (this start − the same round's bare start), so slow swings in the
   * machine's load cancel out; `requireMs` the child's own timing of `require`.
   */
  readonly load: Record<LoadSubject, { spawnToLoadedMs: Spread; requireMs: Spread; overBareMs: number }>;
  /** Our history store's first read in a fresh process and the read after it (bench/children/first-read.ts). */
  readonly firstRead: { firstMs: Spread; secondMs: Spread };
  readonly warm: {
    readonly memory: Record<Side, WarmSummary> & { ratio: { p50: number; p95: number; p99: number } };
    readonly dynamo: Record<Side, WarmSummary> & { ratio: { p50: number; p95: number; p99: number } };
  };
  readonly dynamo: Record<Side, DynamoPerTurn> & { ratio: { requestsPerTurn: number; cost: number } };
  readonly targets: readonly Target[];
}

let childCounter = 0;

/**
 * Runs one child `node` and resolves its result file, plus what the parent saw: the child's first stdout line
 * (`answer`, parsed) and when it arrived (`answerMs`, from just before spawning), and when the child exited.
 */
function runChild<T>(
  script: string,
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<T & { parentWallMs: number; answerMs?: number; answer?: unknown }> {
  return new Promise((resolve, reject) => {
    const resultFile = path.join(path.dirname(script), `result-${process.pid}-${++childCounter}.json`);
    const start = process.hrtime.bigint();
    // A clean environment: no NODE_OPTIONS (tsx/jest hooks), nothing but what the Lambda would see.
    const child = spawn(process.execPath, [script], {
      cwd: path.dirname(script),
      env: { PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1', ...env, BENCH_RESULT_FILE: resultFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let answerMs: number | undefined;
    let answerLine: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (answerMs !== undefined) return;
      // The skill's metrics (EMF log lines, `{"_aws":...}`) are written during the invocation, as on Lambda:
      // they cost the cold start what they cost, but the answer is the first other line.
      answerLine = stdout.split('\n').slice(0, -1).find((line) => !line.startsWith('{"_aws"'));
      if (answerLine !== undefined) answerMs = Number(process.hrtime.bigint() - start) / 1e6;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const parentWallMs = Number(process.hrtime.bigint() - start) / 1e6;
      let result: T;
      let answer: unknown;
      try {
        if (code !== 0) throw new Error(`exit code ${code}`);
        result = JSON.parse(readFileSync(resultFile, 'utf8')) as T;
        if (answerLine !== undefined) answer = JSON.parse(answerLine);
      } catch (error) {
        reject(new Error(`child ${path.basename(script)} failed (${String(error)}): ${stderr.slice(-2000)}${stdout.slice(-1000)}`));
        return;
      } finally {
        rmSync(resultFile, { force: true });
      }
      resolve({ ...result, parentWallMs, ...(answerMs !== undefined ? { answerMs, answer } : {}) });
    });
  });
}

function firstDifference(a: unknown, b: unknown, where = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const diff = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${where}.${key}`);
      if (diff) return diff;
    }
  }
  return `${where}: ours ${JSON.stringify(a)?.slice(0, 300)} vs baseline ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Both sides must answer every request of the script the same way (session attributes aside). */
function assertIdentical(label: string, ours: ResponseEnvelope[], baseline: ResponseEnvelope[]): number {
  if (ours.length !== baseline.length) throw new Error(`${label}: ${ours.length} vs ${baseline.length} responses`);
  ours.forEach((response, i) => {
    const diff = firstDifference(comparable(response), comparable(baseline[i]));
    if (diff) throw new Error(`${label}, turn ${i + 1} (${SCRIPT[i % SCRIPT.length]}): the two sides answer differently at ${diff}`);
  });
  return ours.length;
}

function perTurn(counts: OperationCounts, turns: number): DynamoPerTurn {
  const readUnitsPerTurn = counts.readUnits / turns;
  const writeUnitsPerTurn = counts.writeUnits / turns;
  return {
    requestsPerTurn: counts.requests / turns,
    readsPerTurn: counts.reads / turns,
    writesPerTurn: counts.writes / turns,
    consistentReads: `${counts.consistentReads}/${counts.reads}`,
    readUnitsPerTurn,
    writeUnitsPerTurn,
    itemBytesWrittenPerTurn: counts.itemBytesWritten / turns,
    requestBodyBytesPerTurn: counts.requestBodyBytes / turns,
    maxItemBytes: counts.maxItemBytes,
    // Per million turns: units per turn × 1e6 × (price per 1e6 units).
    costPerMillionTurnsUsd: readUnitsPerTurn * PRICES.readRequestUnitPerMillion + writeUnitsPerTurn * PRICES.writeRequestUnitPerMillion,
    byOperation: counts.byOperation,
  };
}

function sumCounts(all: OperationCounts[]): OperationCounts {
  const total: OperationCounts = { byOperation: {}, requests: 0, reads: 0, writes: 0, consistentReads: 0, readUnits: 0, writeUnits: 0, itemBytesWritten: 0, maxItemBytes: 0, requestBodyBytes: 0 };
  for (const c of all) {
    for (const [op, n] of Object.entries(c.byOperation)) total.byOperation[op] = (total.byOperation[op] ?? 0) + n;
    total.requests += c.requests;
    total.reads += c.reads;
    total.writes += c.writes;
    total.consistentReads += c.consistentReads;
    total.readUnits += c.readUnits;
    total.writeUnits += c.writeUnits;
    total.itemBytesWritten += c.itemBytesWritten;
    total.maxItemBytes = Math.max(total.maxItemBytes, c.maxItemBytes);
    total.requestBodyBytes += c.requestBodyBytes;
  }
  return total;
}

function warmSummary(samples: WarmSample[]): WarmSummary {
  const all = samples.flatMap((s) => s.turnMs);
  const cpuAll = samples.flatMap((s) => s.turnCpuMs);
  return {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    p99: percentile(all, 99),
    cpu: { p50: percentile(cpuAll, 50), p95: percentile(cpuAll, 95), p99: percentile(cpuAll, 99) },
    perRunP99: spread(samples.map((s) => percentile(s.turnMs, 99))),
    turns: all.length,
    maxRssMiB: spread(samples.map((s) => s.maxRssKiB / 1024)),
  };
}

export async function runBench(options: BenchOptions = {}): Promise<{ results: BenchResults; table: string }> {
  const started = Date.now();
  const loadAtStart = loadavg();
  const quick = options.quick ?? false;
  const coldRuns = options.coldRuns ?? (quick ? 2 : 20);
  const warmRuns = options.warmRuns ?? (quick ? 1 : 4);
  const conversationsPerRun = options.conversationsPerRun ?? (quick ? 2 : 50);
  const warmupConversations = options.warmupConversations ?? (quick ? 1 : 5);
  const resultsDir = options.resultsDir ?? path.join(REPO_ROOT, 'bench');
  const buildDir = options.buildDir ?? path.join(REPO_ROOT, 'bench', '.out');
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));

  progress('building both bundles with infra/bundling.ts settings ...');
  const builds = await buildAll(buildDir);
  const bundleOf: Record<LoadSubject, string> = {
    bare: '',
    coreOnly: builds.coreOnly.file,
    ours: builds.ours.file,
    baseline: builds.baseline.file,
    oursWithSourceMaps: builds.ours.file,
  };

  const dynamo: BenchDynamo = await startBenchDynamo();
  try {
    const tables: Record<Side, string> = {
      ours: await dynamo.createOursTable('bench-ours-history'),
      baseline: await dynamo.createBaselineTable('bench-baseline-attributes'),
    };
    const lambdaEnv = (side: Side) => ({
      HISTORY_TABLE_NAME: tables[side],
      DYNAMODB_ENDPOINT: dynamo.endpoint,
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
    });
    const warmChild = (side: Side, store: 'memory' | 'dynamo', user: string, conversations: number, warmup: number) =>
      runChild<WarmSample>(builds.warmChild, {
        ...lambdaEnv(side),
        BENCH_SIDE: side,
        BENCH_STORE: store,
        BENCH_BUNDLE: bundleOf[side],
        BENCH_USER: user,
        BENCH_CONVERSATIONS: String(conversations),
        BENCH_WARMUP: String(warmup),
      });

    // 1. Equivalence on the real bundles, which also seeds the returning user for the cold starts.
    progress('checking that both bundles answer the scripted conversation identically (and seeding the returning user) ...');
    let compared = 0;
    const check: Partial<Record<Side, WarmSample>> = {};
    for (const side of SIDES) check[side] = await warmChild(side, 'dynamo', 'returning', 1, 1);
    for (let c = 0; c < 2; c++) compared += assertIdentical(`bundles, conversation ${c + 1}`, check.ours!.firstResponses[c], check.baseline!.firstResponses[c]);

    // 2. Cold starts, alternating sides: the returning listener's Launch, timed by the parent from spawn to response.
    progress(`cold starts: ${coldRuns} per side, alternating ...`);
    const cold: Record<Side, ColdSample[]> = { ours: [], baseline: [] };
    const event = JSON.stringify(launchRequest({ userId: benchUserId('returning'), skillId: SKILL_ID, newSession: true, attributes: {} }));
    for (let i = 0; i < coldRuns; i++) {
      for (const side of i % 2 === 0 ? SIDES : [...SIDES].reverse()) {
        dynamo.resetCounts();
        const { answerMs, answer, ...sample } = await runChild<ColdChildResult>(builds.coldChild, {
          ...lambdaEnv(side),
          BENCH_BUNDLE: bundleOf[side],
          BENCH_EVENT: event,
        });
        if (answerMs === undefined) throw new Error(`cold start (${side}): no response on stdout`);
        cold[side].push({ ...sample, spawnToResponseMs: answerMs, response: answer as ResponseEnvelope, counts: dynamo.resetCounts() });
      }
    }
    compared += assertIdentical('cold-start launch', [cold.ours[0].response], [cold.baseline[0].response]);

    // 3. Load-only starts in rotation: a bare `node`, ask-sdk-core alone, and each side's bundle, required but not
    // invoked; then our store's first history read in fresh processes.
    progress(`load-only starts: ${coldRuns} rounds of ${LOAD_SUBJECTS.join(', ')}; first history reads: ${coldRuns} ...`);
    const loads: Record<LoadSubject, { spawnToLoadedMs: number; requireMs: number }[]> = { bare: [], coreOnly: [], ours: [], baseline: [], oursWithSourceMaps: [] };
    for (let i = 0; i < coldRuns; i++) {
      const order = i % 2 === 0 ? LOAD_SUBJECTS : [...LOAD_SUBJECTS].reverse();
      for (const subject of order) {
        const sample = await runChild<ColdChildResult>(builds.coldChild, {
          ...lambdaEnv('ours'),
          BENCH_BUNDLE: bundleOf[subject],
          ...(subject === 'oursWithSourceMaps' ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        });
        if (sample.answerMs === undefined) throw new Error(`load-only start (${subject}): nothing on stdout`);
        loads[subject].push({ spawnToLoadedMs: sample.answerMs, requireMs: sample.requireMs });
      }
    }
    const firstReads: FirstReadSample[] = [];
    for (let i = 0; i < coldRuns; i++) {
      firstReads.push(await runChild<FirstReadSample>(builds.firstReadChild, { ...lambdaEnv('ours'), BENCH_USER: 'returning' }));
    }

    // 4. Warm turns, each run in its own process, alternating sides: first in memory, then on dynalite.
    const warm: Record<'memory' | 'dynamo', Record<Side, WarmSample[]>> = { memory: { ours: [], baseline: [] }, dynamo: { ours: [], baseline: [] } };
    for (const store of ['memory', 'dynamo'] as const) {
      progress(`warm turns (${store}): ${warmRuns} runs per side × ${conversationsPerRun} conversations × ${SCRIPT.length} turns, alternating ...`);
      for (let r = 0; r < warmRuns; r++) {
        for (const side of r % 2 === 0 ? SIDES : [...SIDES].reverse()) {
          dynamo.resetCounts();
          const sample = await warmChild(side, store, `warm-${store}-${r}`, conversationsPerRun, warmupConversations);
          warm[store][side].push({ ...sample, counts: dynamo.resetCounts() });
        }
        for (let c = 0; c < 2; c++) {
          compared += assertIdentical(`warm ${store} run ${r + 1}, conversation ${c + 1}`, warm[store].ours[r].firstResponses[c], warm[store].baseline[r].firstResponses[c]);
        }
      }
    }

    const results = summarize({
      builds: { ours: builds.ours, baseline: builds.baseline, coreOnly: builds.coreOnly },
      cold,
      loads,
      firstReads,
      warm,
      compared,
      meta: { quick, coldRuns, warmRuns, conversationsPerRun, warmupConversations, durationS: (Date.now() - started) / 1000, loadAverage: { start: loadAtStart, end: loadavg() } },
    });
    const table = renderTable(results);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, 'results.md'), renderMarkdown(results, table));
    return { results, table };
  } finally {
    await dynamo.stop();
  }
}

function summarize(input: {
  builds: Record<Side | 'coreOnly', BundleInfo>;
  cold: Record<Side, ColdSample[]>;
  loads: Record<LoadSubject, { spawnToLoadedMs: number; requireMs: number }[]>;
  firstReads: FirstReadSample[];
  warm: Record<'memory' | 'dynamo', Record<Side, WarmSample[]>>;
  compared: number;
  meta: Pick<BenchResults['meta'], 'quick' | 'coldRuns' | 'warmRuns' | 'conversationsPerRun' | 'warmupConversations' | 'durationS' | 'loadAverage'>;
}): BenchResults {
  const { builds, cold, warm } = input;
  const bundleInfo = (b: BundleInfo) => ({ rawBytes: b.rawBytes, gzipBytes: b.gzipBytes, heaviest: b.heaviest });
  const coldOf = (side: Side) => ({
    spawnToResponseMs: spread(cold[side].map((s) => s.spawnToResponseMs)),
    processStartToRequireMs: spread(cold[side].map((s) => s.processStartToRequireMs)),
    requireToResponseMs: spread(cold[side].map((s) => s.requireToResponseMs)),
    requireMs: spread(cold[side].map((s) => s.requireMs)),
    firstInvokeMs: spread(cold[side].map((s) => s.firstInvokeMs)),
    processStartToResponseMs: spread(cold[side].map((s) => s.processStartToResponseMs)),
    cpuMs: spread(cold[side].map((s) => s.cpuMs)),
    parentWallMs: spread(cold[side].map((s) => s.parentWallMs)),
    maxRssMiB: spread(cold[side].map((s) => s.maxRssKiB / 1024)),
    dynamoRequests: cold[side][0].counts.requests,
  });
  const coldStart = { ours: coldOf('ours'), baseline: coldOf('baseline') };
  const loadOf = (subject: LoadSubject) => {
    const spawnToLoadedMs = spread(input.loads[subject].map((s) => s.spawnToLoadedMs));
    const overBare = input.loads[subject].map((s, round) => s.spawnToLoadedMs - input.loads.bare[round].spawnToLoadedMs);
    return { spawnToLoadedMs, requireMs: spread(input.loads[subject].map((s) => s.requireMs)), overBareMs: spread(overBare).median };
  };
  const load = {
    bare: loadOf('bare'),
    coreOnly: loadOf('coreOnly'),
    ours: loadOf('ours'),
    baseline: loadOf('baseline'),
    oursWithSourceMaps: loadOf('oursWithSourceMaps'),
  };
  const firstRead = { firstMs: spread(input.firstReads.map((s) => s.firstReadMs)), secondMs: spread(input.firstReads.map((s) => s.secondReadMs)) };
  const warmOf = (store: 'memory' | 'dynamo') => {
    const ours = warmSummary(warm[store].ours);
    const baseline = warmSummary(warm[store].baseline);
    return { ours, baseline, ratio: { p50: ratio(ours.p50, baseline.p50), p95: ratio(ours.p95, baseline.p95), p99: ratio(ours.p99, baseline.p99) } };
  };
  const dynamoOf = (side: Side) =>
    perTurn(
      sumCounts(warm.dynamo[side].map((s) => s.counts!)),
      warm.dynamo[side].reduce((n, s) => n + s.turns, 0),
    );
  const dyn = { ours: dynamoOf('ours'), baseline: dynamoOf('baseline') };
  const warmResults = { memory: warmOf('memory'), dynamo: warmOf('dynamo') };
  const bundle = {
    ours: bundleInfo(builds.ours),
    baseline: bundleInfo(builds.baseline),
    coreOnly: bundleInfo(builds.coreOnly),
    ratio: { raw: ratio(builds.ours.rawBytes, builds.baseline.rawBytes), gzip: ratio(builds.ours.gzipBytes, builds.baseline.gzipBytes) },
  };
  const coldRatio = {
    spawnToResponse: ratio(coldStart.ours.spawnToResponseMs.median, coldStart.baseline.spawnToResponseMs.median),
    requireToResponse: ratio(coldStart.ours.requireToResponseMs.median, coldStart.baseline.requireToResponseMs.median),
    processStartToResponse: ratio(coldStart.ours.processStartToResponseMs.median, coldStart.baseline.processStartToResponseMs.median),
    cpu: ratio(coldStart.ours.cpuMs.median, coldStart.baseline.cpuMs.median),
    parentWall: ratio(coldStart.ours.parentWallMs.median, coldStart.baseline.parentWallMs.median),
    maxRss: ratio(coldStart.ours.maxRssMiB.median, coldStart.baseline.maxRssMiB.median),
  };
  const requestsRatio = ratio(dyn.ours.requestsPerTurn, dyn.baseline.requestsPerTurn);
  const targets: Target[] = [
    { name: 'Bundle size (raw)', target: '≤ 1/25 of baseline (0.040)', value: bundle.ratio.raw.toFixed(3), met: bundle.ratio.raw <= TARGETS.bundleRatio },
    {
      name: 'Cold start (spawn → Launch response, median)',
      target: '≤ 1/4 of baseline (0.250)',
      value: coldRatio.spawnToResponse.toFixed(3),
      met: coldRatio.spawnToResponse <= TARGETS.coldStartRatio,
    },
    { name: 'DynamoDB requests per turn', target: '≤ 1/2 of baseline (0.5)', value: requestsRatio.toFixed(3), met: requestsRatio <= TARGETS.requestsPerTurnRatio },
    {
      name: 'Warm p99 without the table',
      target: '< 2 ms',
      value: `${warmResults.memory.ours.p99.toFixed(3)} ms`,
      met: warmResults.memory.ours.p99 < TARGETS.warmP99MemoryMs,
    },
    { name: "Typical user's item", target: '< 1 KB (1 WRU)', value: `${dyn.ours.maxItemBytes} B (largest written)`, met: dyn.ours.maxItemBytes < TARGETS.itemBytes },
  ];
  return {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      script: SCRIPT,
      prices: PRICES,
      ...input.meta,
    },
    equivalence: { identical: true, comparedResponses: input.compared },
    bundle,
    coldStart: { ...coldStart, ratio: coldRatio },
    load,
    firstRead,
    warm: warmResults,
    dynamo: { ...dyn, ratio: { requestsPerTurn: requestsRatio, cost: ratio(dyn.ours.costPerMillionTurnsUsd, dyn.baseline.costPerMillionTurnsUsd) } },
    targets,
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 1)}`;
const spreadMs = (s: Spread) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
const spreadMiB = (s: Spread) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
const x = (r: number) => (Number.isFinite(r) ? r.toFixed(3) : '–');
const n = (v: number, digits = 2) => v.toFixed(digits);

export function renderTable(r: BenchResults): string {
  const c = r.coldStart;
  const m = r.warm.memory;
  const d = r.warm.dynamo;
  const o = r.dynamo.ours;
  const b = r.dynamo.baseline;
  const mark = (name: string) => {
    const t = r.targets.find((target) => target.name === name)!;
    return `${t.target} ${t.met ? '✅' : '❌'}`;
  };
  const rows: string[][] = [
    ['Metric', 'Ours', 'Baseline', 'Ours / baseline', 'Target'],
    ['Bundle size, raw', kib(r.bundle.ours.rawBytes), kib(r.bundle.baseline.rawBytes), x(r.bundle.ratio.raw), mark('Bundle size (raw)')],
    ['Bundle size, gzip -9', kib(r.bundle.ours.gzipBytes), kib(r.bundle.baseline.gzipBytes), x(r.bundle.ratio.gzip), ''],
    [
      'Cold start: spawn → Launch response, ms, median (min–max)',
      spreadMs(c.ours.spawnToResponseMs),
      spreadMs(c.baseline.spawnToResponseMs),
      x(c.ratio.spawnToResponse),
      mark('Cold start (spawn → Launch response, median)'),
    ],
    ['  in the child: process start → require, ms', spreadMs(c.ours.processStartToRequireMs), spreadMs(c.baseline.processStartToRequireMs), x(c.ours.processStartToRequireMs.median / c.baseline.processStartToRequireMs.median), ''],
    ['  in the child: require(bundle), ms', spreadMs(c.ours.requireMs), spreadMs(c.baseline.requireMs), x(c.ours.requireMs.median / c.baseline.requireMs.median), ''],
    ['  in the child: first invoke, ms', spreadMs(c.ours.firstInvokeMs), spreadMs(c.baseline.firstInvokeMs), x(c.ours.firstInvokeMs.median / c.baseline.firstInvokeMs.median), ''],
    ['  in the child: require → response, ms', spreadMs(c.ours.requireToResponseMs), spreadMs(c.baseline.requireToResponseMs), x(c.ratio.requireToResponse), ''],
    ['Cold start: CPU time of the process to the response, ms', spreadMs(c.ours.cpuMs), spreadMs(c.baseline.cpuMs), x(c.ratio.cpu), ''],
    ['Cold start: spawn → exit, ms', spreadMs(c.ours.parentWallMs), spreadMs(c.baseline.parentWallMs), x(c.ratio.parentWall), ''],
    [
      'Load over a bare `node` start (spawn → loaded), ms, median of rounds',
      ms(r.load.ours.overBareMs),
      ms(r.load.baseline.overBareMs),
      x(r.load.ours.overBareMs / r.load.baseline.overBareMs),
      `ask-sdk-core alone: ${ms(r.load.coreOnly.overBareMs)} (${kib(r.bundle.coreOnly.rawBytes)})`,
    ],
    ['  require(bundle) in the child, ms', spreadMs(r.load.ours.requireMs), spreadMs(r.load.baseline.requireMs), x(r.load.ours.requireMs.median / r.load.baseline.requireMs.median), `ask-sdk-core alone: ${spreadMs(r.load.coreOnly.requireMs)}`],
    ['  bare `node` start (spawn → ready), ms', spreadMs(r.load.bare.spawnToLoadedMs), '', '', ''],
    ['  ours with --enable-source-maps (as deployed): load over bare, ms', ms(r.load.oursWithSourceMaps.overBareMs), '', '', `require: ${spreadMs(r.load.oursWithSourceMaps.requireMs)}`],
    ['First history read in a fresh process (then the second), ms', `${spreadMs(r.firstRead.firstMs)}; ${spreadMs(r.firstRead.secondMs)}`, '', '', ''],
    ['Cold start: peak RSS, MiB', spreadMiB(c.ours.maxRssMiB), spreadMiB(c.baseline.maxRssMiB), x(c.ratio.maxRss), ''],
    ['Cold start: DynamoDB requests (launch, returning user)', String(c.ours.dynamoRequests), String(c.baseline.dynamoRequests), x(c.ours.dynamoRequests / c.baseline.dynamoRequests), ''],
    ['Warm turn, in memory: p50 / p95 / p99, ms', `${ms(m.ours.p50)} / ${ms(m.ours.p95)} / ${ms(m.ours.p99)}`, `${ms(m.baseline.p50)} / ${ms(m.baseline.p95)} / ${ms(m.baseline.p99)}`, `${x(m.ratio.p50)} / ${x(m.ratio.p95)} / ${x(m.ratio.p99)}`, mark('Warm p99 without the table')],
    ['  p99 per run, ms, median (min–max)', spreadMs(m.ours.perRunP99), spreadMs(m.baseline.perRunP99), '', ''],
    ['  CPU time per turn: p50 / p95 / p99, ms', `${ms(m.ours.cpu.p50)} / ${ms(m.ours.cpu.p95)} / ${ms(m.ours.cpu.p99)}`, `${ms(m.baseline.cpu.p50)} / ${ms(m.baseline.cpu.p95)} / ${ms(m.baseline.cpu.p99)}`, `${x(m.ours.cpu.p99 / m.baseline.cpu.p99)} (p99)`, ''],
    ['Warm turn, dynalite: p50 / p95 / p99, ms', `${ms(d.ours.p50)} / ${ms(d.ours.p95)} / ${ms(d.ours.p99)}`, `${ms(d.baseline.p50)} / ${ms(d.baseline.p95)} / ${ms(d.baseline.p99)}`, `${x(d.ratio.p50)} / ${x(d.ratio.p95)} / ${x(d.ratio.p99)}`, ''],
    ['  p99 per run, ms, median (min–max)', spreadMs(d.ours.perRunP99), spreadMs(d.baseline.perRunP99), '', ''],
    ['Warm process peak RSS (dynalite runs), MiB', spreadMiB(d.ours.maxRssMiB), spreadMiB(d.baseline.maxRssMiB), x(d.ours.maxRssMiB.median / d.baseline.maxRssMiB.median), ''],
    ['DynamoDB requests per turn', n(o.requestsPerTurn, 3), n(b.requestsPerTurn, 3), x(r.dynamo.ratio.requestsPerTurn), mark('DynamoDB requests per turn')],
    ['  reads (GetItem) / writes (PutItem) per turn', `${n(o.readsPerTurn, 3)} / ${n(o.writesPerTurn, 3)}`, `${n(b.readsPerTurn, 3)} / ${n(b.writesPerTurn, 3)}`, '', ''],
    ['  strongly consistent reads', o.consistentReads, b.consistentReads, '', ''],
    ['Item bytes written per turn (DynamoDB item size)', n(o.itemBytesWrittenPerTurn, 1), n(b.itemBytesWrittenPerTurn, 1), x(o.itemBytesWrittenPerTurn / b.itemBytesWrittenPerTurn), ''],
    ['Largest item written, bytes', String(o.maxItemBytes), String(b.maxItemBytes), x(o.maxItemBytes / b.maxItemBytes), mark("Typical user's item")],
    ['Read / write request units per turn', `${n(o.readUnitsPerTurn, 3)} / ${n(o.writeUnitsPerTurn, 3)}`, `${n(b.readUnitsPerTurn, 3)} / ${n(b.writeUnitsPerTurn, 3)}`, '', ''],
    [
      'DynamoDB cost per million turns (USD)',
      `$${n(o.costPerMillionTurnsUsd, 3)}`,
      `$${n(b.costPerMillionTurnsUsd, 3)}`,
      x(r.dynamo.ratio.cost),
      `on-demand ${r.meta.prices.region}: $${r.meta.prices.writeRequestUnitPerMillion}/M WRU, $${r.meta.prices.readRequestUnitPerMillion}/M RRU`,
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function renderMarkdown(r: BenchResults, table: string): string {
  const heavy = (side: Side) => r.bundle[side].heaviest.map((h) => `${h.name} ${kib(h.bytes)}`).join(', ');
  const share = (bytes: number) => `${((100 * bytes) / r.bundle.ours.rawBytes).toFixed(1)} %`;
  const rest = r.bundle.ours.rawBytes - r.bundle.ours.heaviest.reduce((sum, h) => sum + h.bytes, 0);
  const breakdown = [
    ...r.bundle.ours.heaviest.map((h) => `| ${h.name} | ${kib(h.bytes)} | ${share(h.bytes)} |`),
    `| everything else (and esbuild's glue) | ${kib(rest)} | ${share(rest)} |`,
  ].join('\n');
  return `# Benchmark: our skill vs the conventional baseline

Generated by \`npm run bench\`${r.meta.quick ? ' --quick (tiny setting: not representative)' : ''} on ${r.meta.date} —
Node ${r.meta.node}, ${r.meta.cpus} × ${r.meta.cpuModel}; took ${r.meta.durationS.toFixed(0)} s; load average
${r.meta.loadAverage.start.map((l) => l.toFixed(2)).join(' ')} at start, ${r.meta.loadAverage.end.map((l) => l.toFixed(2)).join(' ')} at end (above ${r.meta.cpus}: other work shared the CPU and the tails are inflated).
Cold starts: ${r.meta.coldRuns} per side. Warm turns: ${r.meta.warmRuns} runs per side per store × ${r.meta.conversationsPerRun} timed conversations
(+ ${r.meta.warmupConversations} untimed warm-up) × ${r.meta.script.length} turns.
Both sides answered all ${r.equivalence.comparedResponses} compared requests identically (response envelopes minus session attributes).

${table}

## Targets

${r.targets.map((t) => `- ${t.met ? '✅' : '❌'} ${t.name}: ${t.value} (target ${t.target})`).join('\n')}

## What is compared

- **Ours**: \`lambda/index.ts\` — reads a listener's history once per session (GetItem, ConsistentRead) and writes once only on
  turns that change it (conditional PutItem of a compact, versioned item with a TTL), AWS SDK v3.
- **Baseline** (\`bench/baseline/\`): the same handlers (\`createHandlers\`) wired as Amazon's guides do: ask-sdk's
  \`DynamoDbPersistenceAdapter\` (AWS SDK v2), a request interceptor calling \`getPersistentAttributes()\` on every spoken
  request (GetItem, the adapter's ConsistentRead: true) and a response interceptor calling \`savePersistentAttributes()\`
  on every spoken request (an unconditional PutItem of \`{ id, attributes: { history } }\`). Same hashed partition key value.
- Both are bundled by esbuild with the one set of settings, \`esbuildOptions()\` from \`infra/bundling.ts\` (only the entry
  point and output file differ), into \`bench/.out/\`, except that the baseline is built without our package aliases
  (\`lambda/bundle-aliases/\`: the environment's credential provider instead of the SDK's default chain, ask-sdk-model's
  service clients loaded on first use, no event-stream support), which are this skill's work, not the conventional stack's. Heaviest inputs — baseline: ${heavy('baseline')}.

## Where our bundle's bytes go

Output bytes per package (or project folder), after tree-shaking and minifying, from esbuild's metafile
(\`tests/bundle.test.ts\` holds the bundle to its budget and keeps the default credential chain out):

| Package | Bytes | Share |
|---|---|---|
${breakdown}

## How it is measured

- **One embedded dynalite** (in the bench process) with both tables created before any timing; a **counting HTTP proxy** in
  front of it that both SDKs talk to, so requests, consistent-read flags and item sizes (dynalite's own \`itemSize\`) are
  counted identically for v2 and v3. Units: 1 WRU per started KB written, 1 RRU per strongly consistent read of up to 4 KB
  (0.5 if eventually consistent). Cost per million turns = (RRU/turn × $${r.meta.prices.readRequestUnitPerMillion}) + (WRU/turn × $${r.meta.prices.writeRequestUnitPerMillion}).
- **Equivalence first**: each side's bundle runs the scripted conversation twice (a first-time, then a returning listener);
  every response envelope must be identical apart from \`sessionAttributes\` (storage details). The warm runs and the cold
  start responses are compared the same way. This also seeds the returning listener used by the cold starts.
- **Cold start** (the target's figure): the parent spawns a fresh \`node\` per run (clean environment: no loaders, the
  Lambda's variables, credentials in \`AWS_ACCESS_KEY_ID\`/\`AWS_SECRET_ACCESS_KEY\`/\`AWS_SESSION_TOKEN\` as Lambda gives
  them) running a tiny harness (\`bench/children/cold.ts\`) that \`require\`s the bundle and answers a LaunchRequest
  from the returning listener: one GetItem through the proxy. The harness writes the response to stdout at once; the
  parent's clock runs from just before \`spawn\` until that line arrives, so node's own start is included, as in
  Lambda's init plus first invoke. Inside the child, \`performance.now()\` (origin: process start) is taken before
  \`require\`, after it and at the response, with the process's CPU time (\`process.cpuUsage()\`, all threads; not
  inflated by other processes, unlike wall time) and \`maxRSS\`. Sides alternate (A B, B A, ...).
- **Load over a bare \`node\` start**: the same harness without an event, in rotation for nothing (a bare \`node\`),
  an ask-sdk-core-only bundle (\`bench/children/ask-sdk-core-only.ts\`, same settings), ours and the baseline; the
  parent times spawn → "loaded" line, and each bundle's figure is the median over rounds of its time less that
  round's bare start.
- **Source maps**: \`infra/skill-function.ts\` deploys with \`NODE_OPTIONS=--enable-source-maps\`, with which node reads
  and decodes the bundle's source map as it loads it. The conventional stack has no source maps, so the cold starts
  leave the option out; the load-only rotation includes our bundle with it, to show what it adds.
- **First history read**: \`bench/children/first-read.ts\` (bundled the same way) builds the store as
  \`lambda/index.ts\` does and times its first \`load()\` of the returning listener in a fresh process (the SDK's
  one-time work included) and a second one.
- **Warm turns**: the scripted 10-turn session (${r.meta.script.join(', ')}) repeated by one listener, in a child
  process per run so the sides never share a heap or JIT state, alternating sides. Only the handler call is timed
  (\`performance.now()\` around \`handler(event)\`; envelope building is outside); the process's CPU time during the call
  (\`process.cpuUsage()\`) is recorded too, since on a shared machine wall-time tails (p99) include time the process
  was not running at all. "In memory": ours = \`buildSkill\` +
  \`MemoryHistoryStore\`; baseline = the same wiring + an in-memory \`PersistenceAdapter\` (both copy on read/write), bundled
  with the same settings. "dynalite": each side's Lambda bundle against its table through the proxy.
  Requests per turn count every turn of a run (warm-up included; the first session is a first-time listener's).
- Timings on a shared 2-core machine are noisy: compare ratios, and medians over runs, rather than single numbers.
`;
}

function parseArgs(argv: readonly string[]): BenchOptions {
  const options: { -readonly [K in keyof BenchOptions]: BenchOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--out') options.resultsDir = path.resolve(value());
    else if (arg === '--cold-runs') options.coldRuns = Number(value());
    else if (arg === '--warm-runs') options.warmRuns = Number(value());
    else if (arg === '--conversations') options.conversationsPerRun = Number(value());
    else throw new Error(`unknown option ${arg} (known: --quick, --out DIR, --cold-runs N, --warm-runs N, --conversations N)`);
  }
  return options;
}

if (require.main === module) {
  runBench(parseArgs(process.argv.slice(2)))
    .then(({ table, results }) => {
      console.log(table);
      console.log();
      for (const t of results.targets) console.log(`${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value} (target ${t.target})`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
