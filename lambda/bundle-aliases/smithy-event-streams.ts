/**
 * Stands in for `@smithy/core/event-streams` in the Lambda bundle (esbuild `alias`, infra/bundling.ts).
 *
 * The SDK's HTTP protocols load event-stream support (a codec, its serde and checksums, about 19 KiB once
 * bundled) with a dynamic import, for operations that stream events. DynamoDB has none, yet the import puts
 * the code in the bundle, where node compiles it on every cold start (about a tenth of the bundle's load).
 *
 * Should a later change call an operation with an event stream, it fails loudly here rather than silently.
 */
function notBundled(): never {
  throw new Error(
    'event streams are not bundled (lambda/bundle-aliases/smithy-event-streams.ts): remove the alias in infra/bundling.ts to call an operation that streams events',
  );
}

export class EventStreamSerde {
  constructor() {
    notBundled();
  }
}

export const eventStreamSerdeProvider = (): never => notBundled();
