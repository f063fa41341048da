import type { BundleInfo } from '../../bench/harness/bundles';
import { emptyCounts, type OperationCounts } from '../../bench/harness/operation-counts';
import type { ColdSample, LoadSample, WarmSample } from '../../bench/measurements';
import type { RunFacts, Samples } from '../../bench/summary';

/** Small, hand-made samples with round numbers, so every figure summarised from them can be checked exactly. */

export function bundleInfo(rawBytes: number, gzipBytes: number, heaviest: BundleInfo['heaviest'] = []): BundleInfo {
  return { file: '/bench/.out/x/index.js', rawBytes, gzipBytes, heaviest };
}

export function counts(overrides: Partial<OperationCounts> = {}): OperationCounts {
  return { ...emptyCounts(), ...overrides };
}

/** A cold start with every in-child figure set to `ms`, unless named. */
export function coldSample(ms: number, overrides: Partial<ColdSample> = {}): ColdSample {
  return {
    processStartToRequireMs: ms,
    requireMs: ms,
    firstInvokeMs: ms,
    requireToResponseMs: ms,
    processStartToResponseMs: ms,
    cpuMs: ms,
    maxRssKiB: 1024 * ms,
    spawnToResponseMs: ms,
    parentWallMs: ms,
    counts: counts({ requests: 1 }),
    response: { version: '1.0', response: {} },
    ...overrides,
  };
}

export function loadSample(spawnToLoadedMs: number, requireMs = spawnToLoadedMs / 2): LoadSample {
  return { spawnToLoadedMs, requireMs };
}

export function warmSample(turnMs: number[], overrides: Partial<WarmSample> = {}): WarmSample {
  return { turns: turnMs.length, turnMs, turnCpuMs: turnMs, firstResponses: [], maxRssKiB: 2048, counts: counts(), ...overrides };
}

/** Ours: bundle 1/25 of the baseline's, cold start 1/5, half the requests per turn. */
export function sampleSet(): Samples {
  return {
    builds: {
      ours: bundleInfo(40_960, 10_240, [
        { name: '@smithy/core', bytes: 20_480 },
        { name: 'lambda/content', bytes: 10_240 },
      ]),
      baseline: bundleInfo(1_024_000, 204_800, [{ name: 'aws-sdk', bytes: 512_000 }]),
      coreOnly: bundleInfo(10_240, 2_048),
    },
    cold: {
      ours: [coldSample(100), coldSample(120), coldSample(80)],
      baseline: [coldSample(500, { counts: counts({ requests: 2 }) }), coldSample(600), coldSample(400)],
    },
    loads: {
      bare: [loadSample(20), loadSample(40), loadSample(10)],
      coreOnly: [loadSample(30), loadSample(45), loadSample(20)],
      ours: [loadSample(60), loadSample(90), loadSample(40)],
      baseline: [loadSample(420), loadSample(460), loadSample(400)],
      oursWithSourceMaps: [loadSample(70), loadSample(100), loadSample(50)],
    },
    firstReads: [
      { firstReadMs: 30, secondReadMs: 5 },
      { firstReadMs: 40, secondReadMs: 6 },
    ],
    warm: {
      memory: { ours: [warmSample([0.1, 0.2, 0.3, 0.4, 0.5])], baseline: [warmSample([0.2, 0.4, 0.6, 0.8, 1.0])] },
      dynamo: {
        ours: [warmSample([1, 2, 3, 4, 5], { counts: counts({ requests: 3, reads: 1, consistentReads: 1, writes: 2, readUnits: 1, writeUnits: 2, itemBytesWritten: 200, maxItemBytes: 120, requestBodyBytes: 500, byOperation: { GetItem: 1, PutItem: 2 } }) })],
        baseline: [warmSample([2, 4, 6, 8, 10], { counts: counts({ requests: 10, reads: 5, consistentReads: 5, writes: 5, readUnits: 5, writeUnits: 5, itemBytesWritten: 1000, maxItemBytes: 250, requestBodyBytes: 2000, byOperation: { GetItem: 5, PutItem: 5 } }) })],
      },
    },
    compared: 21,
  };
}

export const RUN_FACTS: RunFacts = {
  date: '2026-01-02T03:04:05.000Z',
  node: 'v20.0.0',
  cpus: 2,
  cpuModel: 'Test CPU',
  quick: false,
  coldRuns: 3,
  warmRuns: 1,
  conversationsPerRun: 1,
  warmupConversations: 0,
  durationS: 42.4,
  loadAverage: { start: [0.5, 0.25, 0.125], end: [1, 0.75, 0.5] },
};
