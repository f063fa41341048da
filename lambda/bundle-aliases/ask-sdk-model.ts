/**
 * Stands in for `ask-sdk-model` in the Lambda bundle (esbuild `alias`, infra/bundling.ts).
 *
 * The skill uses ask-sdk-model for its types only. At run time ask-sdk-core needs one thing from it,
 * `services.ServiceClientFactory`, and only for a skill built with an API client (`withApiClient`) to call
 * Alexa's service APIs (reminders, lists, addresses, ...), which this skill does not do. The real module is
 * 61 KB of service clients that every cold start would load for nothing.
 *
 * Should a later change add an API client, its first use fails loudly here rather than silently.
 */
class ServiceClientFactory {
  constructor() {
    throw new Error(
      'ask-sdk-model service clients are not bundled (lambda/bundle-aliases/ask-sdk-model.ts): remove the alias in infra/bundling.ts to use withApiClient',
    );
  }
}

export const services = { ServiceClientFactory };
