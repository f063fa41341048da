/**
 * The report of a run: the table `npm run bench` prints, results.md (the table, the targets, where the bundle's
 * bytes go) and results.json. The method is not repeated here: results.md points to bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BenchResults, Side } from './results';
import type { Spread } from './statistics';

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
/** Three decimals below 10 ms, where a tenth would hide the differences; one above. */
export const ms = (value: number) => `${value.toFixed(value < 10 ? 3 : 1)}`;
export const spreadMs = (s: Spread) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
export const spreadMiB = (s: Spread) => `${s.median.toFixed(1)} (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
/** A ratio with no baseline to divide by (NaN, Infinity) shows as "–". */
export const ratio = (r: number) => (Number.isFinite(r) ? r.toFixed(3) : '–');
export const fixed = (v: number, digits = 2) => v.toFixed(digits);

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
    ['Bundle size, raw', kib(r.bundle.ours.rawBytes), kib(r.bundle.baseline.rawBytes), ratio(r.bundle.ratio.raw), mark('Bundle size (raw)')],
    ['Bundle size, gzip -9', kib(r.bundle.ours.gzipBytes), kib(r.bundle.baseline.gzipBytes), ratio(r.bundle.ratio.gzip), ''],
    [
      'Cold start: spawn → Launch response, ms, median (min–max)',
      spreadMs(c.ours.spawnToResponseMs),
      spreadMs(c.baseline.spawnToResponseMs),
      ratio(c.ratio.spawnToResponse),
      mark('Cold start (spawn → Launch response, median)'),
    ],
    ['  in the child: process start → require, ms', spreadMs(c.ours.processStartToRequireMs), spreadMs(c.baseline.processStartToRequireMs), ratio(c.ours.processStartToRequireMs.median / c.baseline.processStartToRequireMs.median), ''],
    ['  in the child: require(bundle), ms', spreadMs(c.ours.requireMs), spreadMs(c.baseline.requireMs), ratio(c.ours.requireMs.median / c.baseline.requireMs.median), ''],
    ['  in the child: first invoke, ms', spreadMs(c.ours.firstInvokeMs), spreadMs(c.baseline.firstInvokeMs), ratio(c.ours.firstInvokeMs.median / c.baseline.firstInvokeMs.median), ''],
    ['  in the child: require → response, ms', spreadMs(c.ours.requireToResponseMs), spreadMs(c.baseline.requireToResponseMs), ratio(c.ratio.requireToResponse), ''],
    ['Cold start: CPU time of the process to the response, ms', spreadMs(c.ours.cpuMs), spreadMs(c.baseline.cpuMs), ratio(c.ratio.cpu), ''],
    ['Cold start: spawn → exit, ms', spreadMs(c.ours.parentWallMs), spreadMs(c.baseline.parentWallMs), ratio(c.ratio.parentWall), ''],
    [
      'Load over a bare `node` start (spawn → loaded), ms, median of rounds',
      ms(r.load.ours.overBareMs),
      ms(r.load.baseline.overBareMs),
      ratio(r.load.ours.overBareMs / r.load.baseline.overBareMs),
      `ask-sdk-core alone: ${ms(r.load.coreOnly.overBareMs)} (${kib(r.bundle.coreOnly.rawBytes)})`,
    ],
    ['  require(bundle) in the child, ms', spreadMs(r.load.ours.requireMs), spreadMs(r.load.baseline.requireMs), ratio(r.load.ours.requireMs.median / r.load.baseline.requireMs.median), `ask-sdk-core alone: ${spreadMs(r.load.coreOnly.requireMs)}`],
    ['  bare `node` start (spawn → ready), ms', spreadMs(r.load.bare.spawnToLoadedMs), '', '', ''],
    ['  ours with --enable-source-maps (as deployed): load over bare, ms', ms(r.load.oursWithSourceMaps.overBareMs), '', '', `require: ${spreadMs(r.load.oursWithSourceMaps.requireMs)}`],
    ['First history read in a fresh process (then the second), ms', `${spreadMs(r.firstRead.firstMs)}; ${spreadMs(r.firstRead.secondMs)}`, '', '', ''],
    ['Cold start: peak RSS, MiB', spreadMiB(c.ours.maxRssMiB), spreadMiB(c.baseline.maxRssMiB), ratio(c.ratio.maxRss), ''],
    ['Cold start: DynamoDB requests (launch, returning user)', String(c.ours.dynamoRequests), String(c.baseline.dynamoRequests), ratio(c.ours.dynamoRequests / c.baseline.dynamoRequests), ''],
    ['Warm turn, in memory: p50 / p95 / p99, ms', `${ms(m.ours.p50)} / ${ms(m.ours.p95)} / ${ms(m.ours.p99)}`, `${ms(m.baseline.p50)} / ${ms(m.baseline.p95)} / ${ms(m.baseline.p99)}`, `${ratio(m.ratio.p50)} / ${ratio(m.ratio.p95)} / ${ratio(m.ratio.p99)}`, mark('Warm p99 without the table')],
    ['  p99 per run, ms, median (min–max)', spreadMs(m.ours.perRunP99), spreadMs(m.baseline.perRunP99), '', ''],
    ['  CPU time per turn: p50 / p95 / p99, ms', `${ms(m.ours.cpu.p50)} / ${ms(m.ours.cpu.p95)} / ${ms(m.ours.cpu.p99)}`, `${ms(m.baseline.cpu.p50)} / ${ms(m.baseline.cpu.p95)} / ${ms(m.baseline.cpu.p99)}`, `${ratio(m.ours.cpu.p99 / m.baseline.cpu.p99)} (p99)`, ''],
    ['Warm turn, dynalite: p50 / p95 / p99, ms', `${ms(d.ours.p50)} / ${ms(d.ours.p95)} / ${ms(d.ours.p99)}`, `${ms(d.baseline.p50)} / ${ms(d.baseline.p95)} / ${ms(d.baseline.p99)}`, `${ratio(d.ratio.p50)} / ${ratio(d.ratio.p95)} / ${ratio(d.ratio.p99)}`, ''],
    ['  p99 per run, ms, median (min–max)', spreadMs(d.ours.perRunP99), spreadMs(d.baseline.perRunP99), '', ''],
    ['Warm process peak RSS (dynalite runs), MiB', spreadMiB(d.ours.maxRssMiB), spreadMiB(d.baseline.maxRssMiB), ratio(d.ours.maxRssMiB.median / d.baseline.maxRssMiB.median), ''],
    ['DynamoDB requests per turn', fixed(o.requestsPerTurn, 3), fixed(b.requestsPerTurn, 3), ratio(r.dynamo.ratio.requestsPerTurn), mark('DynamoDB requests per turn')],
    ['  reads (GetItem) / writes (PutItem) per turn', `${fixed(o.readsPerTurn, 3)} / ${fixed(o.writesPerTurn, 3)}`, `${fixed(b.readsPerTurn, 3)} / ${fixed(b.writesPerTurn, 3)}`, '', ''],
    ['  strongly consistent reads', o.consistentReads, b.consistentReads, '', ''],
    ['Item bytes written per turn (DynamoDB item size)', fixed(o.itemBytesWrittenPerTurn, 1), fixed(b.itemBytesWrittenPerTurn, 1), ratio(o.itemBytesWrittenPerTurn / b.itemBytesWrittenPerTurn), ''],
    ['Largest item written, bytes', String(o.maxItemBytes), String(b.maxItemBytes), ratio(o.maxItemBytes / b.maxItemBytes), mark("Typical user's item")],
    ['Read / write request units per turn', `${fixed(o.readUnitsPerTurn, 3)} / ${fixed(o.writeUnitsPerTurn, 3)}`, `${fixed(b.readUnitsPerTurn, 3)} / ${fixed(b.writeUnitsPerTurn, 3)}`, '', ''],
    [
      'DynamoDB cost per million turns (USD)',
      `$${fixed(o.costPerMillionTurnsUsd, 3)}`,
      `$${fixed(b.costPerMillionTurnsUsd, 3)}`,
      ratio(r.dynamo.ratio.cost),
      `on-demand ${r.meta.prices.region}: $${r.meta.prices.writeRequestUnitPerMillion}/M WRU, $${r.meta.prices.readRequestUnitPerMillion}/M RRU`,
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}


export function renderMarkdown(r: BenchResults, table: string): string {
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
What is compared, and how each figure is measured: [bench/README.md](README.md).

${table}

## Targets

${r.targets.map((t) => `- ${t.met ? '✅' : '❌'} ${t.name}: ${t.value} (target ${t.target})`).join('\n')}

## Where our bundle's bytes go

Output bytes per package (or project folder), after tree-shaking and minifying, from esbuild's metafile
(\`tests/infra/bundle.test.ts\` holds the bundle to its budget and keeps the default credential chain out):

| Package | Bytes | Share |
|---|---|---|
${breakdown}

The baseline's heaviest inputs: ${heavy('baseline')}.
`;
}

export function renderJson(r: BenchResults): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

/** Writes results.json and results.md into `dir`; returns their paths. */
export function writeReports(dir: string, results: BenchResults, table: string): { json: string; markdown: string } {
  const files = { json: path.join(dir, 'results.json'), markdown: path.join(dir, 'results.md') };
  mkdirSync(dir, { recursive: true });
  writeFileSync(files.json, renderJson(results));
  writeFileSync(files.markdown, renderMarkdown(results, table));
  return files;
}
