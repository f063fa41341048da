import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BenchResults } from '../../bench/results';
import { BENCH_DIR, OUT_DIR, parseBenchArgs, runBench, USAGE } from '../../bench/run';
import { UsageError } from '../../command-line/flags';
import { REPO_ROOT, runEntry } from '../helpers/run-entry';

/**
 * Keeps `npm run bench` working: runs it on its tiny setting (builds both bundles, one dynalite, a couple
 * of cold starts and warm runs). No timing assertions: only that it runs, both sides answer the scripted
 * requests identically (runBench throws otherwise), and the results have the expected shape.
 */
describe('the benchmark (tiny setting)', () => {
  let dir: string;
  let results: BenchResults;
  let table: string;
  let files: { json: string; markdown: string };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'leg-cramp-bench-'));
    ({ results, table, files } = await runBench({
      quick: true,
      coldRuns: 1,
      resultsDir: dir,
      buildDir: path.join(dir, 'out'),
      progress: () => undefined,
    }));
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds both sides answering every compared request identically', () => {
    expect(results.equivalence.identical).toBe(true);
    // Two scripted conversations on the bundles, the cold-start launch, two per warm run and store.
    expect(results.equivalence.comparedResponses).toBe(10 + 10 + 1 + 2 * 10 * 2);
  });

  it('writes results.json with the same content and results.md with the table', () => {
    expect(files).toEqual({ json: path.join(dir, 'results.json'), markdown: path.join(dir, 'results.md') });
    const json = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as BenchResults;
    expect(json).toEqual(JSON.parse(JSON.stringify(results)));
    expect(existsSync(path.join(dir, 'results.md'))).toBe(true);
    expect(readFileSync(path.join(dir, 'results.md'), 'utf8')).toContain(table);
  });

  it('reports every measurement for both sides', () => {
    const spread = { median: expect.any(Number), min: expect.any(Number), max: expect.any(Number) };
    const percentiles = { p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number) };
    const warm = { ...percentiles, cpu: percentiles, perRunP99: spread, turns: 20, maxRssMiB: spread };
    for (const side of ['ours', 'baseline'] as const) {
      expect(results.bundle[side]).toEqual({ rawBytes: expect.any(Number), gzipBytes: expect.any(Number), heaviest: expect.any(Array) });
      expect(results.bundle[side].gzipBytes).toBeLessThan(results.bundle[side].rawBytes);
      expect(results.coldStart[side]).toEqual({
        spawnToResponseMs: spread,
        processStartToRequireMs: spread,
        requireToResponseMs: spread,
        requireMs: spread,
        firstInvokeMs: spread,
        processStartToResponseMs: spread,
        cpuMs: spread,
        parentWallMs: spread,
        maxRssMiB: spread,
        dynamoRequests: expect.any(Number),
      });
      expect(results.warm.memory[side]).toEqual(warm);
      expect(results.warm.dynamo[side]).toEqual(warm);
      expect(results.dynamo[side]).toMatchObject({
        requestsPerTurn: expect.any(Number),
        readUnitsPerTurn: expect.any(Number),
        writeUnitsPerTurn: expect.any(Number),
        itemBytesWrittenPerTurn: expect.any(Number),
        maxItemBytes: expect.any(Number),
        costPerMillionTurnsUsd: expect.any(Number),
      });
    }
    for (const subject of ['bare', 'coreOnly', 'ours', 'baseline', 'oursWithSourceMaps'] as const) {
      expect(results.load[subject]).toEqual({ spawnToLoadedMs: spread, requireMs: spread, overBareMs: expect.any(Number) });
    }
    expect(results.load.bare.overBareMs).toBe(0);
    expect(results.firstRead).toEqual({ firstMs: spread, secondMs: spread });
    expect(results.bundle.coreOnly.rawBytes).toBeLessThan(results.bundle.ours.rawBytes);
    expect(results.targets.map((t) => t.name)).toHaveLength(5);
    for (const target of results.targets) expect(typeof target.met).toBe('boolean');
    expect(table.split('\n')[0]).toMatch(/^\| Metric +\| Ours +\| Baseline +\| Ours \/ baseline +\| Target +\|$/);
  });

  it('counts the conventional pattern as one read and one write per spoken request, with consistent reads', () => {
    // Structural facts of the two wirings, not timings: the baseline reads and writes on every turn.
    expect(results.dynamo.baseline.readsPerTurn).toBe(1);
    expect(results.dynamo.baseline.writesPerTurn).toBe(1);
    expect(results.dynamo.ours.consistentReads).toMatch(/^(\d+)\/\1$/);
    expect(results.dynamo.baseline.consistentReads).toMatch(/^(\d+)\/\1$/);
  });
});

describe('the command line', () => {
  it('writes to the git-ignored bench/.out/ unless asked for the tracked results', () => {
    expect(parseBenchArgs([])).toEqual({});
    expect(OUT_DIR).toBe(path.join(REPO_ROOT, 'bench', '.out'));
    expect(readFileSync(path.join(REPO_ROOT, '.gitignore'), 'utf8').split('\n')).toContain('bench/.out/');
    expect(parseBenchArgs(['--write'])).toEqual({ resultsDir: BENCH_DIR });
  });

  it('reads `--flag value` and `--flag=value` alike', () => {
    const spaced = parseBenchArgs(['--quick', '--out', 'some/dir', '--cold-runs', '3', '--warm-runs', '2', '--conversations', '7']);
    const joined = parseBenchArgs(['--quick', '--out=some/dir', '--cold-runs=3', '--warm-runs=2', '--conversations=7']);
    expect(spaced).toEqual({ quick: true, resultsDir: path.resolve('some/dir'), coldRuns: 3, warmRuns: 2, conversationsPerRun: 7 });
    expect(joined).toEqual(spaced);
  });

  it('answers --help with the usage', () => {
    expect(parseBenchArgs(['--help'])).toBe('help');
    expect(parseBenchArgs(['-h'])).toBe('help');
  });

  it.each([
    [['--colds', '3'], /Unknown option '--colds'/],
    [['--out'], /Option '--out <value>' argument missing/],
    [['--out', '--quick'], /Option '--out' argument is ambiguous/],
    [['--quick=yes'], /Option '--quick' does not take an argument/],
    [['results'], /Unexpected argument 'results'/],
    [['--cold-runs', '0'], /--cold-runs takes a whole number of at least 1, not "0"/],
    [['--warm-runs=two'], /--warm-runs takes a whole number of at least 1, not "two"/],
    [['--conversations', '1.5'], /--conversations takes a whole number/],
    [['--write', '--out', 'x'], /--write and --out/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('stops on an unknown flag with the usage line and a non-zero exit, before building anything', () => {
    const { status, stderr } = runEntry('bench/run.ts', ['--colds=3'], { PATH: process.env.PATH ?? '' });
    expect(status).toBe(2);
    expect(stderr).toContain(USAGE);
  });
});
