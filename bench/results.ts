/**
 * The shape of results.json, what the report renders from, and the constants it is judged by.
 * bench/README.md says what each figure measures.
 */
import type { BundleInfo } from './harness/bundles';
import type { Spread } from './statistics';

export type Side = 'ours' | 'baseline';
export const SIDES: readonly Side[] = ['ours', 'baseline'];

/** Where the warm turns keep history: in the process, or in dynalite through the counting proxy. */
export type Store = 'memory' | 'dynamo';

/** What a load-only start loads: nothing, ask-sdk-core alone, a side's bundle, or ours as deployed (with source maps). */
export type LoadSubject = 'bare' | 'coreOnly' | Side | 'oursWithSourceMaps';
export const LOAD_SUBJECTS: readonly LoadSubject[] = ['bare', 'coreOnly', 'ours', 'baseline', 'oursWithSourceMaps'];

/** us-east-1 on-demand prices (since November 2024), USD per million request units. */
export const PRICES = { writeRequestUnitPerMillion: 0.625, readRequestUnitPerMillion: 0.125, region: 'us-east-1' } as const;

export const TARGETS = {
  bundleRatio: 1 / 25,
  coldStartRatio: 1 / 4,
  requestsPerTurnRatio: 1 / 2,
  warmP99MemoryMs: 2,
  itemBytes: 1024,
} as const;

export interface DynamoPerTurn {
  readonly requestsPerTurn: number;
  readonly readsPerTurn: number;
  readonly writesPerTurn: number;
  /** "consistent/all" reads. */
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
  /** CPU time per turn: unlike wall time, not inflated when other processes take the CPU. */
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

export interface ColdStartSummary {
  /** The target's figure. */
  readonly spawnToResponseMs: Spread;
  readonly processStartToRequireMs: Spread;
  readonly requireToResponseMs: Spread;
  readonly requireMs: Spread;
  readonly firstInvokeMs: Spread;
  readonly processStartToResponseMs: Spread;
  readonly cpuMs: Spread;
  readonly parentWallMs: Spread;
  readonly maxRssMiB: Spread;
  readonly dynamoRequests: number;
}

export interface LoadSummary {
  readonly spawnToLoadedMs: Spread;
  readonly requireMs: Spread;
  /** Median over rounds of (this start − the same round's bare start), so slow swings in the machine's load cancel out. */
  readonly overBareMs: number;
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
    /** os.loadavg() (1, 5, 15 min) at start and end: above the core count, other work competed for the CPU. */
    readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  };
  readonly equivalence: { readonly identical: boolean; readonly comparedResponses: number };
  readonly bundle: Record<Side | 'coreOnly', Omit<BundleInfo, 'file'>> & { ratio: { raw: number; gzip: number } };
  readonly coldStart: Record<Side, ColdStartSummary> & {
    ratio: { spawnToResponse: number; requireToResponse: number; processStartToResponse: number; cpu: number; parentWall: number; maxRss: number };
  };
  readonly load: Record<LoadSubject, LoadSummary>;
  readonly firstRead: { firstMs: Spread; secondMs: Spread };
  readonly warm: Record<Store, Record<Side, WarmSummary> & { ratio: { p50: number; p95: number; p99: number } }>;
  readonly dynamo: Record<Side, DynamoPerTurn> & { ratio: { requestsPerTurn: number; cost: number } };
  readonly targets: readonly Target[];
}
