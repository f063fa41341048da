/**
 * `npm run bench`: our skill against the conventional baseline (bench/README.md has the method and the flags).
 * Prints the table and the targets; writes results.md and results.json to bench/.out/, or with --write to the
 * tracked bench/results.* (so a fresh clone stays unmodified by a run).
 */
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { parseFlags, refuseUsage, UsageError, type Flags } from '../command-line/flags';
import { REPO_ROOT } from '../infra/bundling';
import { SCRIPT } from './conversation';
import { buildAll } from './harness/bundles';
import { startBenchDynamo } from './harness/counting-dynamo';
import { checkEquivalence, measureColdStarts, measureFirstReads, measureLoadOnlyStarts, measureWarmTurns, type BenchRig } from './measurements';
import { renderTable, writeReports } from './report';
import { LOAD_SUBJECTS, type BenchResults, type Store } from './results';
import { summarize } from './summary';

export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
/** Git-ignored: the bundles, and the reports unless the tracked ones are asked for. */
export const OUT_DIR = path.join(BENCH_DIR, '.out');

export interface BenchOptions {
  /** Tiny setting for the test: few runs, few conversations. */
  readonly quick?: boolean;
  /** Where results.md / results.json go (default bench/.out; bench/ with --write). */
  readonly resultsDir?: string;
  /** Where the bundles are built (default bench/.out). */
  readonly buildDir?: string;
  /** Cold starts per side; also the rounds of load-only starts and the first reads. */
  readonly coldRuns?: number;
  readonly warmRuns?: number;
  readonly conversationsPerRun?: number;
  readonly warmupConversations?: number;
  /** Progress lines (default: stderr). */
  readonly progress?: (line: string) => void;
}

export interface BenchRun {
  readonly results: BenchResults;
  readonly table: string;
  readonly files: { readonly json: string; readonly markdown: string };
}

export async function runBench(options: BenchOptions = {}): Promise<BenchRun> {
  const started = Date.now();
  const loadAtStart = loadavg();
  const quick = options.quick ?? false;
  const coldRuns = options.coldRuns ?? (quick ? 2 : 20);
  const warm = {
    runs: options.warmRuns ?? (quick ? 1 : 4),
    conversationsPerRun: options.conversationsPerRun ?? (quick ? 2 : 50),
    warmupConversations: options.warmupConversations ?? (quick ? 1 : 5),
  };
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));

  progress('building both bundles with infra/bundling.ts settings ...');
  const builds = await buildAll(options.buildDir ?? OUT_DIR);
  const dynamo = await startBenchDynamo();
  try {
    const rig: BenchRig = {
      builds,
      dynamo,
      tables: { ours: await dynamo.createOursTable('bench-ours-history'), baseline: await dynamo.createBaselineTable('bench-baseline-attributes') },
    };

    progress('checking that both bundles answer the scripted conversation identically (and seeding the returning user) ...');
    let compared = await checkEquivalence(rig);

    progress(`cold starts: ${coldRuns} per side, alternating ...`);
    const cold = await measureColdStarts(rig, coldRuns);
    compared += cold.compared;

    progress(`load-only starts: ${coldRuns} rounds of ${LOAD_SUBJECTS.join(', ')}; first history reads: ${coldRuns} ...`);
    const loads = await measureLoadOnlyStarts(rig, coldRuns);
    const firstReads = await measureFirstReads(rig, coldRuns);

    const warmTurns = async (store: Store) => {
      progress(`warm turns (${store}): ${warm.runs} runs per side × ${warm.conversationsPerRun} conversations × ${SCRIPT.length} turns, alternating ...`);
      const measured = await measureWarmTurns(rig, store, warm);
      compared += measured.compared;
      return measured.samples;
    };
    const warmSamples = { memory: await warmTurns('memory'), dynamo: await warmTurns('dynamo') };

    const results = summarize(
      { builds, cold: cold.samples, loads, firstReads, warm: warmSamples, compared },
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        quick,
        coldRuns,
        warmRuns: warm.runs,
        conversationsPerRun: warm.conversationsPerRun,
        warmupConversations: warm.warmupConversations,
        durationS: (Date.now() - started) / 1000,
        loadAverage: { start: loadAtStart, end: loadavg() },
      },
    );
    const table = renderTable(results);
    const files = writeReports(options.resultsDir ?? OUT_DIR, results, table);
    return { results, table, files };
  } finally {
    await dynamo.stop();
  }
}

export const USAGE = 'usage: npm run bench -- [--quick] [--write | --out <dir>] [--cold-runs <n>] [--warm-runs <n>] [--conversations <n>]';

const FLAGS = {
  quick: { type: 'boolean' },
  write: { type: 'boolean' },
  out: { type: 'string' },
  'cold-runs': { type: 'string' },
  'warm-runs': { type: 'string' },
  conversations: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Flags;

function positiveWhole(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1) throw new UsageError(`--${flag} takes a whole number of at least 1, not "${value}"`, USAGE);
  return count;
}

/** The command line's options, or 'help'. Throws UsageError for anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const values = parseFlags(argv, FLAGS, USAGE);
  if (values.help) return 'help';
  if (values.write && values.out !== undefined) throw new UsageError('--write and --out both say where the results go: give one', USAGE);
  const resultsDir = values.write ? BENCH_DIR : values.out !== undefined ? path.resolve(values.out) : undefined;
  const coldRuns = positiveWhole('cold-runs', values['cold-runs']);
  const warmRuns = positiveWhole('warm-runs', values['warm-runs']);
  const conversationsPerRun = positiveWhole('conversations', values.conversations);
  return {
    ...(values.quick ? { quick: true } : {}),
    ...(resultsDir !== undefined ? { resultsDir } : {}),
    ...(coldRuns !== undefined ? { coldRuns } : {}),
    ...(warmRuns !== undefined ? { warmRuns } : {}),
    ...(conversationsPerRun !== undefined ? { conversationsPerRun } : {}),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    refuseUsage(error);
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const { table, results, files } = await runBench(options);
  console.log(table);
  console.log();
  for (const t of results.targets) console.log(`${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value} (target ${t.target})`);
  const written = path.relative(process.cwd(), path.dirname(files.markdown)) || '.';
  const hint = options.resultsDir === undefined ? ' (`npm run bench -- --write` updates the tracked bench/results.md and results.json)' : '';
  process.stderr.write(`results.md and results.json written to ${written}/${hint}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
