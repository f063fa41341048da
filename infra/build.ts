/** `npm run build`: writes dist/lambda/index.js (+ .map) with the deploy's esbuild settings. */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseFlags, refuseUsage } from '../command-line/flags';
import { BUNDLE_FILE, esbuildOptions } from './bundling';

export const BUILD_USAGE = 'usage: npm run build   (no flags: the settings are infra/bundling.ts\'s)';

async function main(argv: readonly string[]): Promise<void> {
  try {
    parseFlags(argv, {}, BUILD_USAGE);
  } catch (error) {
    refuseUsage(error);
    return;
  }
  await build(esbuildOptions());
  const kib = (statSync(BUNDLE_FILE).size / 1024).toFixed(1);
  console.log(`Wrote ${path.relative(process.cwd(), BUNDLE_FILE)} (${kib} KiB)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
