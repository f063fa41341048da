/**
 * Cold-start child: a fresh `node` process that loads one Lambda bundle and answers one request.
 * Kept tiny (bundled to a few hundred bytes) so it adds nothing measurable to what it measures.
 * In: BENCH_BUNDLE (absolute path), BENCH_EVENT (JSON). Out: JSON in the file BENCH_RESULT_FILE.
 */
import { writeFileSync, writeSync } from 'node:fs';

const event = JSON.parse(process.env.BENCH_EVENT ?? '{}');
const bundle = process.env.BENCH_BUNDLE ?? '';
const beforeRequire = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler } = require(bundle) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
const afterRequire = performance.now();
handler(event, {}).then(
  (response) => {
    const done = performance.now();
    const result = {
      // performance.now() counts from performance.timeOrigin, i.e. the start of this process.
      processStartToRequireMs: beforeRequire,
      requireMs: afterRequire - beforeRequire,
      firstInvokeMs: done - afterRequire,
      requireToResponseMs: done - beforeRequire,
      processStartToResponseMs: done,
      maxRssKiB: process.resourceUsage().maxRSS,
      response,
    };
    // A file, not stdout: a large write to a non-blocking pipe can be cut short.
    writeFileSync(process.env.BENCH_RESULT_FILE ?? 'bench-result.json', JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    writeSync(2, `cold child failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
