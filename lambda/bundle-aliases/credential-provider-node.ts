/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundle (esbuild `alias`, infra/bundling.ts).
 *
 * The DynamoDB client's runtime config imports that package's `defaultProvider`, the SDK's whole default
 * chain: environment, SSO, INI files, credential_process, web identity, login, ECS and instance metadata,
 * with the STS, SSO and sign-in clients those need. About a quarter of the bundle, loaded on every cold
 * start, and never used here: Lambda puts the execution role's credentials in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the first place the chain looks anyway.
 * Passing `credentials` to the client would not help: the import, and so the chain, would still be bundled.
 *
 * So in the bundle the default provider is the environment's alone. Unbundled runs (tests, `npm start`)
 * keep the real package, whose chain also tries the environment first.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);
