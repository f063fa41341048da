/**
 * Checks that a request to `npm run serve` really comes from Alexa
 * (https://developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html), in the order
 * that costs an attacker the most and us the least, and reports the first proof that is missing:
 *
 *   1. the signature headers: SignatureCertChainUrl and a base64 Signature-256 (an unsigned request is
 *      "unsigned", whatever else is wrong with it);
 *   2. the request's own timestamp, within ±150 s of now (skill events: up to an hour old), before anything
 *      is fetched;
 *   3. the SignatureCertChainUrl, parsed and normalised with WHATWG URL: https, host s3.amazonaws.com (any
 *      case), port 443 if given, a path under /echo.api/ with no `..` and no encoded dot or slash, no
 *      credentials, no query, no fragment; the normalised URL is what gets fetched;
 *   4. the certificate chain (certificate-source.ts: capped, cached download; certificate-chain.ts: the
 *      echo-api.amazon.com name, and RFC 5280 path validation by PKIjs to a trusted root, Node's by default);
 *   5. the Signature-256 header: RSA-SHA256 by the signing certificate's key over the exact body bytes
 *      received (after any content-encoding is undone, before any text decoding).
 *
 * Why not ask-sdk-express-adapter's verifier: it checks the URL with the legacy url.parse (no `..`
 * resolution) but downloads with https.get (which resolves it), has no size cap or deadline, runs the
 * download even for a stale timestamp, and checks the chain with node-forge. alexa-verifier (npm) has the
 * same url.parse check, no cap and no deadline, and never rejects a timestamp from the future.
 */
import { verify as verifySignature, type X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { decodeRequestBody } from './alexa-request-body';
import { CertificateSource } from './certificate-source';
import { RequestVerificationError } from './verification-errors';

export { checkCertificateChain, verifyCertificateChain, type CertificateChainOptions, type VerifiedChain } from './certificate-chain';
export { CERTIFICATE_DOWNLOAD_TIMEOUT_MS, FAILED_CERTIFICATE_TTL_MS, MAX_CERTIFICATE_BYTES, MAX_CONCURRENT_DOWNLOADS, MAX_QUEUED_DOWNLOADS } from './certificate-source';
export * from './verification-errors';

export const TIMESTAMP_TOLERANCE_MS = 150_000;
/** Alexa may deliver skill events (AlexaSkillEvent.*) late, and redeliver them: up to an hour old. */
export const SKILL_EVENT_TOLERANCE_MS = 3_600_000;
const CERT_HOST = 's3.amazonaws.com';
const CERT_PATH_PREFIX = '/echo.api/';

export interface AlexaRequestVerifierOptions {
  /** Epoch ms; injectable for tests. */
  readonly now?: () => number;
  /** The agent for certificate downloads (tests route it to a local stand-in; the URL checks still run). */
  readonly agent?: Agent;
  /** PEM roots a chain may end at. Default: Node's bundled Mozilla roots (`tls.rootCertificates`). */
  readonly trustedRoots?: readonly string[];
  readonly maxCertificateBytes?: number;
  readonly downloadTimeoutMs?: number;
  /** Downloads at once, and waiting for a turn, before CertificateDownloadsBusyError (defaults 2 and 4). */
  readonly maxConcurrentDownloads?: number;
  readonly maxQueuedDownloads?: number;
  /** How long a failed download (or a chain that did not verify) is remembered: default 60 s. */
  readonly failedCertificateTtlMs?: number;
}

export class AlexaRequestVerifier {
  private readonly now: () => number;
  private readonly certificates: CertificateSource;

  constructor(options: AlexaRequestVerifierOptions = {}) {
    this.now = options.now ?? Date.now;
    this.certificates = new CertificateSource({
      now: this.now,
      trustedRoots: options.trustedRoots ?? rootCertificates,
      agent: options.agent,
      ...(options.maxCertificateBytes !== undefined ? { maxBytes: options.maxCertificateBytes } : {}),
      ...(options.downloadTimeoutMs !== undefined ? { timeoutMs: options.downloadTimeoutMs } : {}),
      ...(options.maxConcurrentDownloads !== undefined ? { maxConcurrent: options.maxConcurrentDownloads } : {}),
      ...(options.maxQueuedDownloads !== undefined ? { maxQueued: options.maxQueuedDownloads } : {}),
      ...(options.failedCertificateTtlMs !== undefined ? { failureTtlMs: options.failedCertificateTtlMs } : {}),
    });
  }

  /**
   * The body's JSON when `body` (the exact bytes received) is a fresh request signed by Alexa; else a
   * RequestVerificationError (HTTP 400), or CertificateDownloadsBusyError (HTTP 503).
   */
  async verify(body: Uint8Array, headers: IncomingHttpHeaders): Promise<unknown> {
    const signature = singleHeader(headers, 'Signature-256');
    const certUrl = singleHeader(headers, 'SignatureCertChainUrl');
    if (!/^[A-Za-z0-9+/]{1,1024}={0,2}$/.test(signature)) throw new RequestVerificationError('request is not signed: Signature-256 is not base64');
    const envelope = decodeRequestBody(body);
    checkTimestamp(envelope, this.now());
    const certificate = await this.certificates.signingCertificate(checkCertificateUrl(certUrl));
    checkSignature(body, signature, certificate);
    return envelope;
  }
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name.toLowerCase()];
  if (typeof value !== 'string' || value === '') throw new RequestVerificationError(`request is not signed: no ${name} header`);
  return value;
}

/** Step 2: the request's own timestamp, within ±150 s of now (older skill events allowed up to an hour). */
export function checkTimestamp(envelope: unknown, now: number): void {
  const request = (envelope as { request?: { type?: unknown; timestamp?: unknown } } | null | undefined)?.request;
  const timestamp = typeof request?.timestamp === 'string' || typeof request?.timestamp === 'number' ? new Date(request.timestamp).getTime() : NaN;
  if (!Number.isFinite(timestamp)) throw new RequestVerificationError('request timestamp missing or invalid');
  const skew = now - timestamp;
  const event = typeof request?.type === 'string' && request.type.startsWith('AlexaSkillEvent.');
  if (skew < -TIMESTAMP_TOLERANCE_MS) throw new RequestVerificationError('request timestamp is in the future');
  if (skew > (event ? SKILL_EVENT_TOLERANCE_MS : TIMESTAMP_TOLERANCE_MS)) throw new RequestVerificationError('request timestamp is too old');
}

/** Step 3: the certificate URL, normalised. Returns the URL to fetch (exactly what was checked). */
export function checkCertificateUrl(raw: string): URL {
  // Refused before parsing, so no normalisation can turn them into something that passes: `..` (plain, or
  // with encoded dots), encoded slashes and backslashes (WHATWG reads `\` as `/` in https URLs). A query or
  // fragment (even an empty `?` or `#`, which WHATWG drops) would make each request a new URL to download.
  if (/\.\.|%2e|%2f|%5c|\\/i.test(raw)) throw new RequestVerificationError('certificate URL has a dot segment or encoded path characters');
  if (/[?#]/.test(raw)) throw new RequestVerificationError('certificate URL has a query or fragment');
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new RequestVerificationError('certificate URL is not a URL', { cause });
  }
  if (url.protocol !== 'https:') throw new RequestVerificationError('certificate URL is not https');
  if (url.hostname !== CERT_HOST) throw new RequestVerificationError(`certificate URL host is not ${CERT_HOST}`); // WHATWG lower-cases it
  if (url.port !== '' && url.port !== '443') throw new RequestVerificationError('certificate URL port is not 443'); // 443 itself is normalised to ''
  if (url.username || url.password) throw new RequestVerificationError('certificate URL carries credentials');
  if (!url.pathname.startsWith(CERT_PATH_PREFIX) || url.pathname.length === CERT_PATH_PREFIX.length) {
    throw new RequestVerificationError(`certificate URL path is not under ${CERT_PATH_PREFIX}`);
  }
  return url;
}

/** Step 5: RSA-SHA256 over the bytes received, by the signing certificate's (RSA) key. */
function checkSignature(body: Uint8Array, signature: string, certificate: X509Certificate): void {
  if (certificate.publicKey.asymmetricKeyType !== 'rsa') throw new RequestVerificationError('signing certificate key is not RSA');
  if (!verifySignature('RSA-SHA256', body, certificate.publicKey, Buffer.from(signature, 'base64'))) {
    throw new RequestVerificationError('signature does not match the request body');
  }
}
