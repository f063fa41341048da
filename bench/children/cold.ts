/**
 * Cold-start child: a fresh `node` process that loads one Lambda bundle and answers one request.
 * Kept tiny (bundled to a few hundred bytes) so it adds nothing measurable to what it measures.
 * In:  BENCH_BUNDLE (absolute path; empty: load nothing, i.e. a bare `node` start),
 *      BENCH_EVENT (JSON; absent: load only, answer nothing).
 * Out: one line on stdout as soon as there is an answer, which the parent times: the handler's response
 *      envelope, or `{"loaded":true}` when only loading. Then the in-process timings as JSON in the file
 *      BENCH_RESULT_FILE.
 */
import { writeFileSync, writeSync } from 'node:fs';

const bundle = process.env.BENCH_BUNDLE ?? '';
const eventJson = process.env.BENCH_EVENT;
type Handler = (event: unknown, context: unknown) => Promise<unknown>;

function finish(answer: unknown, beforeRequire: number, afterRequire: number): void {
  const done = performance.now();
  const cpu = process.cpuUsage();
  // Straight to the pipe (a short line: it never fills the pipe's buffer), so the parent sees it now.
  writeSync(1, `${JSON.stringify(answer)}\n`);
  const result = {
    // performance.now() counts from performance.timeOrigin, i.e. the start of this process.
    processStartToRequireMs: beforeRequire,
    requireMs: afterRequire - beforeRequire,
    firstInvokeMs: done - afterRequire,
    requireToResponseMs: done - beforeRequire,
    processStartToResponseMs: done,
    // CPU time of the whole process so far (node's own start included): unlike wall time, not inflated
    // when other processes take the CPU.
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  // A file, not stdout: a large write to a non-blocking pipe can be cut short.
  writeFileSync(process.env.BENCH_RESULT_FILE ?? 'bench-result.json', JSON.stringify(result));
  process.exit(0);
}

const beforeRequire = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = bundle ? (require(bundle) as { handler: Handler }) : undefined;
const afterRequire = performance.now();
if (!loaded || eventJson === undefined) {
  finish({ loaded: loaded !== undefined }, beforeRequire, afterRequire);
} else {
  loaded.handler(JSON.parse(eventJson), {}).then(
    (response) => finish(response, beforeRequire, afterRequire),
    (error: unknown) => {
      writeSync(2, `cold child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
