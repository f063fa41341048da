/**
 * Builds everything the bench runs with the ONE set of bundle settings (infra/bundling.ts
 * `esbuildOptions`), changing only the entry point and the output file.
 */
import { build, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { esbuildOptions, LAMBDA_ENTRY, REPO_ROOT } from '../../infra/bundling';

export const BASELINE_ENTRY = path.join(REPO_ROOT, 'bench', 'baseline', 'index.ts');
const COLD_CHILD_ENTRY = path.join(REPO_ROOT, 'bench', 'children', 'cold.ts');
const WARM_CHILD_ENTRY = path.join(REPO_ROOT, 'bench', 'children', 'warm.ts');

export interface BundleInfo {
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** The heaviest packages (or source folders) in the bundle, bytes of output each. */
  readonly heaviest: { readonly name: string; readonly bytes: number }[];
}

export interface Builds {
  readonly ours: BundleInfo;
  readonly baseline: BundleInfo;
  readonly coldChild: string;
  readonly warmChild: string;
}

async function bundle(entry: string, outfile: string): Promise<BundleInfo> {
  const result = await build({ ...esbuildOptions(outfile), entryPoints: [entry] });
  const code = readFileSync(outfile);
  return { file: outfile, rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, heaviest: heaviest(result.metafile!) };
}

function heaviest(metafile: Metafile, top = 8): BundleInfo['heaviest'] {
  const bytes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, n]) => ({ name, bytes: n }));
}

export async function buildAll(outDir: string): Promise<Builds> {
  const [ours, baseline, cold, warm] = await Promise.all([
    bundle(LAMBDA_ENTRY, path.join(outDir, 'ours', 'index.js')),
    bundle(BASELINE_ENTRY, path.join(outDir, 'baseline', 'index.js')),
    bundle(COLD_CHILD_ENTRY, path.join(outDir, 'children', 'cold.js')),
    bundle(WARM_CHILD_ENTRY, path.join(outDir, 'children', 'warm.js')),
  ]);
  return { ours, baseline, coldChild: cold.file, warmChild: warm.file };
}
