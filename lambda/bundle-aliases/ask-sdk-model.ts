/**
 * Stands in for `ask-sdk-model` in the Lambda bundle (esbuild `alias`, infra/bundling.ts).
 *
 * The skill uses ask-sdk-model for its types, and at run time ask-sdk-core needs one thing from it:
 * `services.ServiceClientFactory`, which it constructs on every request because the skill has an API client
 * (`withApiClient`, for the stretch reminder and the device's time zone). The real module is 61 KB of
 * service clients, and most turns call none of them: a returning listener whose time zone is known makes
 * no Alexa API call at all. So the factory here is a thin one that loads the real module the first time a
 * service client is asked for. esbuild still bundles the real module, but behind a lazy require: it is not
 * evaluated on a cold start that does not need it.
 */
import type { services as real } from 'ask-sdk-model';

type RealModule = { services: { ServiceClientFactory: new (configuration: real.ApiConfiguration) => real.ServiceClientFactory } };

let loaded: RealModule | undefined;

/**
 * The real ask-sdk-model, on first use. By path, not by package name: the alias would send the name (and any
 * subpath of it) back to this file. It is a direct dependency, so npm always installs it at the top level.
 */
function realModule(): RealModule {
  return (loaded ??= require('../../node_modules/ask-sdk-model/index.js') as RealModule);
}

/** ask-sdk-core's view of the factory: the same methods, each handing over to the real factory when called. */
class ServiceClientFactory {
  private factory: real.ServiceClientFactory | undefined;

  constructor(private readonly configuration: real.ApiConfiguration) {
    return new Proxy(this, {
      get: (target, name, receiver) => {
        if (name in target) return Reflect.get(target, name, receiver);
        const method = Reflect.get(target.real(), name) as unknown;
        return typeof method === 'function' ? (method as (...args: unknown[]) => unknown).bind(target.real()) : method;
      },
    });
  }

  private real(): real.ServiceClientFactory {
    return (this.factory ??= new (realModule().services.ServiceClientFactory)(this.configuration));
  }
}

export const services = { ServiceClientFactory };
