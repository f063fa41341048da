import { SCRIPT } from '../../bench/conversation';
import { PRICES } from '../../bench/results';
import { dynamoPerTurn, evaluateTargets, summarize, summarizeLoads, summarizeWarmTurns } from '../../bench/summary';
import { counts, loadSample, RUN_FACTS, sampleSet, warmSample } from './samples';

describe('summarize', () => {
  const results = summarize(sampleSet(), RUN_FACTS);

  it('gives bundle sizes and their ratios', () => {
    expect(results.bundle.ours).toEqual({ rawBytes: 40_960, gzipBytes: 10_240, heaviest: sampleSet().builds.ours.heaviest });
    expect(results.bundle.ratio).toEqual({ raw: 0.04, gzip: 0.05 });
  });

  it('gives each cold-start figure as median (min–max) over the runs, and the ratio of the medians', () => {
    expect(results.coldStart.ours.spawnToResponseMs).toEqual({ median: 100, min: 80, max: 120 });
    expect(results.coldStart.baseline.spawnToResponseMs).toEqual({ median: 500, min: 400, max: 600 });
    expect(results.coldStart.ours.maxRssMiB).toEqual({ median: 100, min: 80, max: 120 });
    expect(results.coldStart.ratio.spawnToResponse).toBe(0.2);
  });

  it("counts the DynamoDB requests of a side's first cold start", () => {
    expect(results.coldStart.ours.dynamoRequests).toBe(1);
    expect(results.coldStart.baseline.dynamoRequests).toBe(2);
  });

  it('gives each load over the same round\'s bare start, the bare start itself over nothing', () => {
    expect(results.load.ours.overBareMs).toBe(40);
    expect(results.load.baseline.overBareMs).toBe(400);
    expect(results.load.coreOnly.overBareMs).toBe(10);
    expect(results.load.oursWithSourceMaps.overBareMs).toBe(50);
    expect(results.load.bare.overBareMs).toBe(0);
  });

  it('gives the first and second history reads', () => {
    expect(results.firstRead).toEqual({ firstMs: { median: 35, min: 30, max: 40 }, secondMs: { median: 5.5, min: 5, max: 6 } });
  });

  it('gives warm percentiles per store and their ratios', () => {
    expect(results.warm.memory.ours.p50).toBeCloseTo(0.3, 10);
    expect(results.warm.memory.baseline.p50).toBeCloseTo(0.6, 10);
    expect(results.warm.memory.ratio.p50).toBeCloseTo(0.5, 10);
    expect(results.warm.dynamo.ours.p50).toBe(3);
    expect(results.warm.dynamo.ratio.p50).toBe(0.5);
  });

  it('gives DynamoDB requests, units and cost per turn from the warm runs against dynalite', () => {
    expect(results.dynamo.ours).toMatchObject({ requestsPerTurn: 0.6, readsPerTurn: 0.2, writesPerTurn: 0.4, consistentReads: '1/1', maxItemBytes: 120 });
    expect(results.dynamo.baseline).toMatchObject({ requestsPerTurn: 2, consistentReads: '5/5' });
    expect(results.dynamo.ratio.requestsPerTurn).toBe(0.3);
    expect(results.dynamo.baseline.costPerMillionTurnsUsd).toBe(0.75);
  });

  it('judges the five targets', () => {
    expect(results.targets.map((t) => [t.name, t.value, t.met])).toEqual([
      ['Bundle size (raw)', '0.040', true],
      ['Cold start (spawn → Launch response, median)', '0.200', true],
      ['DynamoDB requests per turn', '0.300', true],
      ['Warm p99 without the table', '0.496 ms', true],
      ["Typical user's item", '120 B (largest written)', true],
    ]);
  });

  it('records the run, the script and the prices', () => {
    expect(results.meta).toEqual({ ...RUN_FACTS, script: SCRIPT, prices: PRICES });
    expect(results.equivalence).toEqual({ identical: true, comparedResponses: 21 });
  });

  it("keeps results.json's order of keys, so that two runs' files compare line by line", () => {
    expect(Object.keys(results)).toEqual(['meta', 'equivalence', 'bundle', 'coldStart', 'load', 'firstRead', 'warm', 'dynamo', 'targets']);
    expect(Object.keys(results.meta)).toEqual([
      'date', 'node', 'cpus', 'cpuModel', 'script', 'prices', 'quick', 'coldRuns', 'warmRuns', 'conversationsPerRun', 'warmupConversations', 'durationS', 'loadAverage',
    ]);
    expect(Object.keys(results.load)).toEqual(['bare', 'coreOnly', 'ours', 'baseline', 'oursWithSourceMaps']);
  });
});

describe('summarizeLoads', () => {
  it("takes each round's bare start off that round's start, then the median", () => {
    const summary = summarizeLoads([loadSample(100), loadSample(130), loadSample(90)], [loadSample(20), loadSample(40), loadSample(10)]);
    expect(summary.overBareMs).toBe(80);
    expect(summary.spawnToLoadedMs).toEqual({ median: 100, min: 90, max: 130 });
    expect(summary.requireMs).toEqual({ median: 50, min: 45, max: 65 });
  });
});

describe('summarizeWarmTurns', () => {
  it('takes the percentiles over every turn of every run, and each run\'s own p99 apart', () => {
    const summary = summarizeWarmTurns([warmSample([1, 2, 3, 4, 5]), warmSample([10], { turnCpuMs: [0.5] })]);
    expect(summary.p50).toBe(3.5);
    expect(summary.turns).toBe(6);
    expect(summary.cpu.p50).toBe(2.5);
    expect(summary.perRunP99.min).toBeCloseTo(4.96, 10);
    expect(summary.perRunP99.max).toBe(10);
    expect(summary.maxRssMiB).toEqual({ median: 2, min: 2, max: 2 });
  });
});

describe('dynamoPerTurn', () => {
  it('prices read and write units at on-demand rates per million turns', () => {
    const perTurn = dynamoPerTurn(counts({ requests: 6, reads: 1, writes: 5, consistentReads: 1, readUnits: 1, writeUnits: 5, itemBytesWritten: 928, maxItemBytes: 192 }), 10);
    expect(perTurn).toMatchObject({ requestsPerTurn: 0.6, readUnitsPerTurn: 0.1, writeUnitsPerTurn: 0.5, itemBytesWrittenPerTurn: 92.8, maxItemBytes: 192, consistentReads: '1/1' });
    expect(perTurn.costPerMillionTurnsUsd).toBeCloseTo(0.1 * 0.125 + 0.5 * 0.625, 12);
  });
});

describe('evaluateTargets', () => {
  const met = (figures: Partial<Parameters<typeof evaluateTargets>[0]>) =>
    evaluateTargets({ bundleRatio: 0.01, coldStartRatio: 0.1, requestsPerTurnRatio: 0.1, warmP99MemoryMs: 1, maxItemBytes: 100, ...figures }).map((t) => t.met);

  it('meets the ratio targets at exactly their bounds', () => {
    expect(met({ bundleRatio: 1 / 25, coldStartRatio: 0.25, requestsPerTurnRatio: 0.5 })).toEqual([true, true, true, true, true]);
  });

  it('misses each target just past its bound', () => {
    expect(met({ bundleRatio: 0.041 })).toEqual([false, true, true, true, true]);
    expect(met({ coldStartRatio: 0.251 })).toEqual([true, false, true, true, true]);
    expect(met({ requestsPerTurnRatio: 0.501 })).toEqual([true, true, false, true, true]);
  });

  it('misses the warm p99 at 2 ms and the item at 1 KB: those bounds are strict', () => {
    expect(met({ warmP99MemoryMs: 2 })).toEqual([true, true, true, false, true]);
    expect(met({ maxItemBytes: 1024 })).toEqual([true, true, true, true, false]);
    expect(met({ maxItemBytes: 1023 })).toEqual([true, true, true, true, true]);
  });
});
