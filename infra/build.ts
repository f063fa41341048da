/** `npm run build`: writes dist/lambda/index.js (+ .map) with the deploy's esbuild settings. */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_FILE, esbuildOptions } from './bundling';

export const BUILD_USAGE = 'usage: npm run build   (no flags: the settings are infra/bundling.ts\'s)';

async function main(argv: readonly string[]): Promise<void> {
  try {
    parseArgs({ args: [...argv], options: {}, strict: true, allowPositionals: false });
  } catch (error) {
    console.error(`${(error as Error).message.split('\n')[0]}\n${BUILD_USAGE}`);
    process.exitCode = 2;
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
