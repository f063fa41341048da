/**
 * Builds everything the bench runs with the ONE set of bundle settings (infra/bundling.ts
 * `esbuildOptions`), changing only the entry point and the output file, and for the baseline leaving out
 * our package aliases (lambda/bundle-aliases/): they are this skill's work, not the conventional stack's.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { esbuildOptions, LAMBDA_ENTRY, REPO_ROOT } from '../../infra/bundling';

export const BASELINE_ENTRY = path.join(REPO_ROOT, 'bench', 'baseline', 'index.ts');
const CORE_ONLY_ENTRY = path.join(REPO_ROOT, 'bench', 'children', 'ask-sdk-core-only.ts');
const COLD_CHILD_ENTRY = path.join(REPO_ROOT, 'bench', 'children', 'cold.ts');
const WARM_CHILD_ENTRY = path.join(REPO_ROOT, 'bench', 'children', 'warm.ts');
const FIRST_READ_CHILD_ENTRY = path.join(REPO_ROOT, 'bench', 'children', 'first-read.ts');

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
  /** ask-sdk-core alone (bench/children/ask-sdk-core-only.ts): the reference for load time. */
  readonly coreOnly: BundleInfo;
  readonly coldChild: string;
  readonly warmChild: string;
  readonly firstReadChild: string;
}

async function bundle(entry: string, outfile: string, overrides: BuildOptions = {}): Promise<BundleInfo> {
  const result = await build({ ...esbuildOptions(outfile), entryPoints: [entry], ...overrides });
  const code = readFileSync(outfile);
  return { file: outfile, rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, heaviest: heaviest(result.metafile!) };
}

/**
 * Where a bundle's bytes go: output bytes per npm package (node_modules/<pkg>) or, for the project's own
 * files, per folder (lambda/content, lambda/state, ...), heaviest first. From esbuild's metafile, so it
 * counts what is in the bundle after tree-shaking and minifying, not the size of the sources.
 */
export function bundleBreakdown(metafile: Metafile): { name: string; bytes: number }[] {
  const bytes = new Map<string, number>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (bytesInOutput === 0) continue;
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? projectGroup(input);
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...bytes].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, bytes: n }));
}

/** lambda/content/topics.ts → lambda/content; lambda/replies.ts → lambda/*.ts. */
function projectGroup(input: string): string {
  const parts = input.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : `${parts[0]}/*.ts`;
}

function heaviest(metafile: Metafile, top = 10): BundleInfo['heaviest'] {
  return bundleBreakdown(metafile).slice(0, top);
}

export async function buildAll(outDir: string): Promise<Builds> {
  const [ours, baseline, coreOnly, cold, warm, firstRead] = await Promise.all([
    bundle(LAMBDA_ENTRY, path.join(outDir, 'ours', 'index.js')),
    bundle(BASELINE_ENTRY, path.join(outDir, 'baseline', 'index.js'), { alias: {} }),
    bundle(CORE_ONLY_ENTRY, path.join(outDir, 'ask-sdk-core-only', 'index.js')),
    bundle(COLD_CHILD_ENTRY, path.join(outDir, 'children', 'cold.js')),
    bundle(WARM_CHILD_ENTRY, path.join(outDir, 'children', 'warm.js')),
    bundle(FIRST_READ_CHILD_ENTRY, path.join(outDir, 'children', 'first-read.js')),
  ]);
  return { ours, baseline, coreOnly, coldChild: cold.file, warmChild: warm.file, firstReadChild: firstRead.file };
}
