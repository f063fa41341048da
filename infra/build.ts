/** `npm run build`: writes dist/lambda/index.js (+ .map) with the deploy's esbuild settings. */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLE_FILE, esbuildOptions } from './bundling';

async function main(): Promise<void> {
  await build(esbuildOptions());
  const kib = (statSync(BUNDLE_FILE).size / 1024).toFixed(1);
  console.log(`Wrote ${path.relative(process.cwd(), BUNDLE_FILE)} (${kib} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
