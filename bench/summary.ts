/**
 * From the samples the measurements collected to results.json's figures: spreads and percentiles per side,
 * DynamoDB requests, units and cost per turn, ours-to-baseline ratios, and the targets met or missed.
 * Pure: the same samples always give the same results.
 */
import { SCRIPT } from './conversation';
import type { BundleInfo } from './harness/bundles';
import { addCounts, type OperationCounts } from './harness/operation-counts';
import type { ColdSample, FirstReadSample, LoadSample, WarmSample } from './measurements';
import {
  LOAD_SUBJECTS,
  PRICES,
  TARGETS,
  type BenchResults,
  type ColdStartSummary,
  type DynamoPerTurn,
  type LoadSubject,
  type LoadSummary,
  type Side,
  type Store,
  type Target,
  type WarmSummary,
} from './results';
import { percentile, ratio, spread } from './statistics';

export interface Samples {
  readonly builds: Record<Side | 'coreOnly', BundleInfo>;
  readonly cold: Record<Side, readonly ColdSample[]>;
  readonly loads: Record<LoadSubject, readonly LoadSample[]>;
  readonly firstReads: readonly FirstReadSample[];
  readonly warm: Record<Store, Record<Side, readonly WarmSample[]>>;
  /** Responses both sides answered identically. */
  readonly compared: number;
}

/** What the run records about itself and the machine. */
export interface RunFacts {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly quick: boolean;
  readonly coldRuns: number;
  readonly warmRuns: number;
  readonly conversationsPerRun: number;
  readonly warmupConversations: number;
  readonly durationS: number;
  readonly loadAverage: { readonly start: number[]; readonly end: number[] };
}

export function summarizeColdStarts(samples: readonly ColdSample[]): ColdStartSummary {
  const of = (figure: (s: ColdSample) => number) => spread(samples.map(figure));
  return {
    spawnToResponseMs: of((s) => s.spawnToResponseMs),
    processStartToRequireMs: of((s) => s.processStartToRequireMs),
    requireToResponseMs: of((s) => s.requireToResponseMs),
    requireMs: of((s) => s.requireMs),
    firstInvokeMs: of((s) => s.firstInvokeMs),
    processStartToResponseMs: of((s) => s.processStartToResponseMs),
    cpuMs: of((s) => s.cpuMs),
    parentWallMs: of((s) => s.parentWallMs),
    maxRssMiB: of((s) => s.maxRssKiB / 1024),
    dynamoRequests: samples[0].counts.requests,
  };
}

/** `bare` holds the same rounds' bare `node` starts, which each round's figure is taken over. */
export function summarizeLoads(samples: readonly LoadSample[], bare: readonly LoadSample[]): LoadSummary {
  const overBare = samples.map((s, round) => s.spawnToLoadedMs - bare[round].spawnToLoadedMs);
  return {
    spawnToLoadedMs: spread(samples.map((s) => s.spawnToLoadedMs)),
    requireMs: spread(samples.map((s) => s.requireMs)),
    overBareMs: spread(overBare).median,
  };
}

/** Percentiles over every timed turn of every run, and the spread of each run's own p99. */
export function summarizeWarmTurns(samples: readonly WarmSample[]): WarmSummary {
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

export function dynamoPerTurn(counts: OperationCounts, turns: number): DynamoPerTurn {
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

/** Every turn of every run counts, warm-up included: the proxy counts them all. */
function dynamoOfWarmRuns(samples: readonly WarmSample[]): DynamoPerTurn {
  return dynamoPerTurn(
    addCounts(samples.map((s) => s.counts!)),
    samples.reduce((n, s) => n + s.turns, 0),
  );
}

export function evaluateTargets(figures: {
  readonly bundleRatio: number;
  readonly coldStartRatio: number;
  readonly requestsPerTurnRatio: number;
  readonly warmP99MemoryMs: number;
  readonly maxItemBytes: number;
}): Target[] {
  const { bundleRatio, coldStartRatio, requestsPerTurnRatio, warmP99MemoryMs, maxItemBytes } = figures;
  return [
    { name: 'Bundle size (raw)', target: '≤ 1/25 of baseline (0.040)', value: bundleRatio.toFixed(3), met: bundleRatio <= TARGETS.bundleRatio },
    {
      name: 'Cold start (spawn → Launch response, median)',
      target: '≤ 1/4 of baseline (0.250)',
      value: coldStartRatio.toFixed(3),
      met: coldStartRatio <= TARGETS.coldStartRatio,
    },
    { name: 'DynamoDB requests per turn', target: '≤ 1/2 of baseline (0.5)', value: requestsPerTurnRatio.toFixed(3), met: requestsPerTurnRatio <= TARGETS.requestsPerTurnRatio },
    { name: 'Warm p99 without the table', target: '< 2 ms', value: `${warmP99MemoryMs.toFixed(3)} ms`, met: warmP99MemoryMs < TARGETS.warmP99MemoryMs },
    { name: "Typical user's item", target: '< 1 KB (1 WRU)', value: `${maxItemBytes} B (largest written)`, met: maxItemBytes < TARGETS.itemBytes },
  ];
}

export function summarize(samples: Samples, run: RunFacts): BenchResults {
  const { builds } = samples;
  const bundleInfo = (b: BundleInfo) => ({ rawBytes: b.rawBytes, gzipBytes: b.gzipBytes, heaviest: b.heaviest });
  const bundle = {
    ours: bundleInfo(builds.ours),
    baseline: bundleInfo(builds.baseline),
    coreOnly: bundleInfo(builds.coreOnly),
    ratio: { raw: ratio(builds.ours.rawBytes, builds.baseline.rawBytes), gzip: ratio(builds.ours.gzipBytes, builds.baseline.gzipBytes) },
  };

  const ours = summarizeColdStarts(samples.cold.ours);
  const baseline = summarizeColdStarts(samples.cold.baseline);
  const coldStart = {
    ours,
    baseline,
    ratio: {
      spawnToResponse: ratio(ours.spawnToResponseMs.median, baseline.spawnToResponseMs.median),
      requireToResponse: ratio(ours.requireToResponseMs.median, baseline.requireToResponseMs.median),
      processStartToResponse: ratio(ours.processStartToResponseMs.median, baseline.processStartToResponseMs.median),
      cpu: ratio(ours.cpuMs.median, baseline.cpuMs.median),
      parentWall: ratio(ours.parentWallMs.median, baseline.parentWallMs.median),
      maxRss: ratio(ours.maxRssMiB.median, baseline.maxRssMiB.median),
    },
  };

  const load = Object.fromEntries(LOAD_SUBJECTS.map((subject) => [subject, summarizeLoads(samples.loads[subject], samples.loads.bare)])) as Record<LoadSubject, LoadSummary>;
  const firstRead = { firstMs: spread(samples.firstReads.map((s) => s.firstReadMs)), secondMs: spread(samples.firstReads.map((s) => s.secondReadMs)) };

  const warmOf = (store: Store) => {
    const o = summarizeWarmTurns(samples.warm[store].ours);
    const b = summarizeWarmTurns(samples.warm[store].baseline);
    return { ours: o, baseline: b, ratio: { p50: ratio(o.p50, b.p50), p95: ratio(o.p95, b.p95), p99: ratio(o.p99, b.p99) } };
  };
  const warm = { memory: warmOf('memory'), dynamo: warmOf('dynamo') };

  const dyn = { ours: dynamoOfWarmRuns(samples.warm.dynamo.ours), baseline: dynamoOfWarmRuns(samples.warm.dynamo.baseline) };
  const requestsPerTurnRatio = ratio(dyn.ours.requestsPerTurn, dyn.baseline.requestsPerTurn);
  const dynamo = { ...dyn, ratio: { requestsPerTurn: requestsPerTurnRatio, cost: ratio(dyn.ours.costPerMillionTurnsUsd, dyn.baseline.costPerMillionTurnsUsd) } };

  const targets = evaluateTargets({
    bundleRatio: bundle.ratio.raw,
    coldStartRatio: coldStart.ratio.spawnToResponse,
    requestsPerTurnRatio,
    warmP99MemoryMs: warm.memory.ours.p99,
    maxItemBytes: dyn.ours.maxItemBytes,
  });

  return {
    meta: {
      date: run.date,
      node: run.node,
      cpus: run.cpus,
      cpuModel: run.cpuModel,
      script: SCRIPT,
      prices: PRICES,
      quick: run.quick,
      coldRuns: run.coldRuns,
      warmRuns: run.warmRuns,
      conversationsPerRun: run.conversationsPerRun,
      warmupConversations: run.warmupConversations,
      durationS: run.durationS,
      loadAverage: run.loadAverage,
    },
    equivalence: { identical: true, comparedResponses: samples.compared },
    bundle,
    coldStart,
    load,
    firstRead,
    warm,
    dynamo,
    targets,
  };
}
