import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How the Lambda bundle is built, defined once: `npm run build` (infra/build.ts) and the CDK
 * `NodejsFunction` both use these settings, so what is tested locally is what is deployed.
 */
export const REPO_ROOT = path.resolve(__dirname, '..');
export const LAMBDA_ENTRY = path.join(REPO_ROOT, 'lambda', 'index.ts');
export const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'lambda');
export const BUNDLE_FILE = path.join(BUNDLE_DIR, 'index.js');

/** Lambda's nodejs24.x runtime. */
export const NODE_TARGET = 'node24';

export const LAMBDA_BUNDLE_SETTINGS = {
  minify: true,
  sourceMap: true,
  target: NODE_TARGET,
  format: 'cjs',
  // Prefer ES module builds so esbuild can tree-shake the AWS SDK and ask-sdk down to what is used.
  mainFields: ['module', 'main'],
  // Bundle the AWS SDK too: pinned versions, and tree-shaken it loads faster than the runtime's copy.
  externalModules: [] as string[],
  // Licence comments add bytes Lambda never reads; the licences stay in package-lock.json's packages.
  legalComments: 'none',
  /**
   * Modules replaced by smaller stand-ins in lambda/bundle-aliases/ (each file says why): the SDK's default
   * credential chain by the environment's provider alone; ask-sdk-model by a factory that loads its service
   * clients on first use; the SDK's event-stream support, which the skill never calls. Paths are relative to
   * the project root, where both esbuild runs work.
   */
  alias: {
    '@aws-sdk/credential-provider-node': './lambda/bundle-aliases/credential-provider-node.ts',
    'ask-sdk-model': './lambda/bundle-aliases/ask-sdk-model.ts',
    '@smithy/core/event-streams': './lambda/bundle-aliases/smithy-event-streams.ts',
  } as Readonly<Record<string, string>>,
} as const;

/** The settings NodejsFunction has no property for, as esbuild command-line arguments (its `esbuildArgs`). */
export function esbuildCliArgs(): Record<string, string | string[]> {
  return {
    '--legal-comments': LAMBDA_BUNDLE_SETTINGS.legalComments,
    '--alias': Object.entries(LAMBDA_BUNDLE_SETTINGS.alias).map(([from, to]) => `${from}=${to}`),
  };
}

/** The same settings in esbuild's own terms. */
export function esbuildOptions(outfile = BUNDLE_FILE): BuildOptions {
  return {
    entryPoints: [LAMBDA_ENTRY],
    outfile,
    bundle: true,
    platform: 'node',
    target: LAMBDA_BUNDLE_SETTINGS.target,
    format: LAMBDA_BUNDLE_SETTINGS.format,
    minify: LAMBDA_BUNDLE_SETTINGS.minify,
    sourcemap: LAMBDA_BUNDLE_SETTINGS.sourceMap,
    mainFields: [...LAMBDA_BUNDLE_SETTINGS.mainFields],
    external: [...LAMBDA_BUNDLE_SETTINGS.externalModules],
    legalComments: LAMBDA_BUNDLE_SETTINGS.legalComments,
    alias: { ...LAMBDA_BUNDLE_SETTINGS.alias },
    // The aliases' relative paths resolve here, as they do in NodejsFunction's esbuild (run in projectRoot).
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'warning',
  };
}
