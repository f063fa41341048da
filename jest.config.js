/**
 * PKIjs (the serve side's certificate path validator, web-endpoint/certificate-chain.ts) and its dependencies ship
 * only as ES modules; jest runs CommonJS, so those few packages are transpiled like our own files (once:
 * jest caches the result). `npm run serve` itself loads them natively.
 */
const ESM_ONLY_PACKAGES = ['pkijs', 'asn1js', 'bytestreamjs', '@peculiar/utils', '@noble/hashes'];
const ESM_ONLY = `/node_modules/(?:${ESM_ONLY_PACKAGES.join('|')})/`;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // tsconfig's isolatedModules makes ts-jest transpile per file (fast); type-checking is `npm run typecheck`'s job (.ci/run runs it).
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    [`${ESM_ONLY}.+\\.js$`]: ['ts-jest', { diagnostics: false, tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(?:${ESM_ONLY_PACKAGES.join('|')})/)`],
  // Before any test file loads the AWS SDK: no Node-version warning per test file on Node 20.
  setupFiles: ['<rootDir>/tests/setup/quiet-aws-sdk-warning.ts'],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  testTimeout: 30000,
  // One worker per core (jest's default leaves one core to itself, which on CI's two cores means one worker):
  // the suites spend their time in their own process (NLU, dynalite, CDK synth), not in jest's.
  maxWorkers: '100%',
};
