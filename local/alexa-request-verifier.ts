/**
 * Checks that a request to `npm run serve` really comes from Alexa, in the order that costs an attacker the
 * most and us the least (https://developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html):
 *
 *   1. the timestamp, within ±150 s of now (skill events: up to an hour old), before anything is fetched;
 *   2. the SignatureCertChainUrl, parsed and normalised with WHATWG URL: https, host s3.amazonaws.com (any
 *      case), port 443 if given, a path under /echo.api/ with no `..` and no encoded dot or slash, no
 *      credentials; the normalised URL is what gets fetched, so what was checked is what is downloaded;
 *   3. the certificate chain, downloaded with a size cap and a deadline (no redirects), cached per URL until
 *      the signing certificate expires: dates valid, echo-api.amazon.com in the signing certificate's subject
 *      alternative names, every link signed by the next, the last signed by a trusted root;
 *   4. the Signature-256 header: RSA-SHA256 over the exact body bytes.
 *
 * Why not ask-sdk-express-adapter's verifier: it checks the URL with the legacy url.parse (no `..`
 * resolution) but downloads with https.get (which resolves it), has no size cap or deadline, and runs the
 * download even for a stale timestamp. alexa-verifier (npm) has the same url.parse check, no cap and no
 * deadline, and never rejects a timestamp from the future. Node's own X509Certificate does the rest.
 */
import { verify as verifySignature, X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { get as httpsGet, type Agent } from 'node:https';
import { rootCertificates } from 'node:tls';

export const TIMESTAMP_TOLERANCE_MS = 150_000;
/** Alexa may deliver skill events (AlexaSkillEvent.*) late, and redeliver them: up to an hour old. */
export const SKILL_EVENT_TOLERANCE_MS = 3_600_000;
/** Alexa's chain is about 5 KB; anything much larger is not it. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
export const CERTIFICATE_DOWNLOAD_TIMEOUT_MS = 3000;
const MAX_CACHED_CERTIFICATES = 8;
const SIGNING_DOMAIN = 'echo-api.amazon.com';
const CERT_HOST = 's3.amazonaws.com';
const CERT_PATH_PREFIX = '/echo.api/';

/** The request is not provably from Alexa (answered with HTTP 400). The message names the check, never echoes input. */
export class RequestVerificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RequestVerificationError';
  }
}

export interface AlexaRequestVerifierOptions {
  /** Epoch ms; injectable for tests. */
  readonly now?: () => number;
  /** The agent for certificate downloads (tests route it to a local stand-in; the URL checks still run). */
  readonly agent?: Agent;
  /** PEM roots a chain may end at. Default: Node's bundled Mozilla roots (Alexa's chain ends at Amazon Root CA 1). */
  readonly trustedRoots?: readonly string[];
  readonly maxCertificateBytes?: number;
  readonly downloadTimeoutMs?: number;
}

interface CachedCertificate {
  readonly certificate: X509Certificate;
  readonly validTo: number;
}

export class AlexaRequestVerifier {
  private readonly now: () => number;
  private readonly agent: Agent | undefined;
  private readonly roots: () => readonly X509Certificate[];
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly cache = new Map<string, CachedCertificate>();
  /** One download per URL at a time, however many requests wait for it. */
  private readonly downloads = new Map<string, Promise<CachedCertificate>>();

  constructor(options: AlexaRequestVerifierOptions = {}) {
    this.now = options.now ?? Date.now;
    this.agent = options.agent;
    let roots: X509Certificate[] | undefined;
    this.roots = () => (roots ??= (options.trustedRoots ?? rootCertificates).map((pem) => new X509Certificate(pem)));
    this.maxBytes = options.maxCertificateBytes ?? MAX_CERTIFICATE_BYTES;
    this.timeoutMs = options.downloadTimeoutMs ?? CERTIFICATE_DOWNLOAD_TIMEOUT_MS;
  }

  /** Resolves when `body` (the exact text received) is a fresh request signed by Alexa; else RequestVerificationError. */
  async verify(body: string, headers: IncomingHttpHeaders): Promise<void> {
    checkTimestamp(body, this.now());
    const certUrl = checkCertificateUrl(singleHeader(headers, 'signaturecertchainurl'));
    const signature = singleHeader(headers, 'signature-256');
    if (!/^[A-Za-z0-9+/]{1,1024}={0,2}$/.test(signature)) throw new RequestVerificationError('Signature-256 is not base64');
    const certificate = await this.signingCertificate(certUrl);
    if (!verifySignature('RSA-SHA256', Buffer.from(body, 'utf8'), certificate.publicKey, Buffer.from(signature, 'base64'))) {
      throw new RequestVerificationError('signature does not match the request body');
    }
  }

  private async signingCertificate(url: URL): Promise<X509Certificate> {
    const now = this.now();
    const cached = this.cache.get(url.href);
    if (cached && cached.validTo > now) return cached.certificate;
    let download = this.downloads.get(url.href);
    if (!download) {
      download = downloadCertificate(url, { agent: this.agent, maxBytes: this.maxBytes, timeoutMs: this.timeoutMs }).then((pem) => {
        const certificate = checkCertificateChain(pem, this.now(), this.roots());
        return { certificate, validTo: Date.parse(certificate.validTo) };
      });
      this.downloads.set(url.href, download);
      void download.then(
        (entry) => {
          this.cache.delete(url.href);
          this.cache.set(url.href, entry);
          while (this.cache.size > MAX_CACHED_CERTIFICATES) this.cache.delete(this.cache.keys().next().value!);
        },
        () => undefined,
      ).finally(() => this.downloads.delete(url.href));
    }
    return (await download).certificate;
  }
}

function singleHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (typeof value !== 'string' || value === '') throw new RequestVerificationError(`missing ${name} header`);
  return value;
}

/** Step 1: the request's own timestamp, within ±150 s of now (older skill events allowed up to an hour). */
export function checkTimestamp(body: string, now: number): void {
  let request: { type?: unknown; timestamp?: unknown } | undefined;
  try {
    request = (JSON.parse(body) as { request?: typeof request } | null)?.request;
  } catch (cause) {
    throw new RequestVerificationError('request body is not JSON', { cause });
  }
  const timestamp = typeof request?.timestamp === 'string' || typeof request?.timestamp === 'number' ? new Date(request.timestamp).getTime() : NaN;
  if (!Number.isFinite(timestamp)) throw new RequestVerificationError('request timestamp missing or invalid');
  const skew = now - timestamp;
  const event = typeof request?.type === 'string' && request.type.startsWith('AlexaSkillEvent.');
  if (skew < -TIMESTAMP_TOLERANCE_MS) throw new RequestVerificationError('request timestamp is in the future');
  if (skew > (event ? SKILL_EVENT_TOLERANCE_MS : TIMESTAMP_TOLERANCE_MS)) throw new RequestVerificationError('request timestamp is too old');
}

/** Step 2: the certificate URL, normalised. Returns the URL to fetch (exactly what was checked). */
export function checkCertificateUrl(raw: string): URL {
  // Refused before parsing, so no normalisation can turn them into something that passes: `..` (plain, or
  // with encoded dots), encoded slashes and backslashes (WHATWG reads `\` as `/` in https URLs).
  if (/\.\.|%2e|%2f|%5c|\\/i.test(raw)) throw new RequestVerificationError('certificate URL has a dot segment or encoded path characters');
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
  url.hash = '';
  return url;
}

/** Step 3a: the chain's PEM text, at most `maxBytes`, within `timeoutMs` overall, HTTP 200 only. */
export function downloadCertificate(url: URL, options: { agent?: Agent | undefined; maxBytes: number; timeoutMs: number }): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const fail = (message: string, cause?: unknown) => reject(new RequestVerificationError(`certificate download failed: ${message}`, { cause }));
    const request = httpsGet(url, { signal: AbortSignal.timeout(options.timeoutMs), ...(options.agent ? { agent: options.agent } : {}) }, (response) => {
      const declared = Number(response.headers['content-length']);
      if (response.statusCode !== 200) {
        response.destroy();
        return fail(`HTTP ${response.statusCode}`);
      }
      if (declared > options.maxBytes) {
        response.destroy();
        return fail('too large');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          response.destroy();
          request.destroy();
          fail('too large');
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', (error) => fail(error.name === 'AbortError' ? 'timed out' : 'connection error', error));
    });
    request.on('error', (error) => fail(error.name === 'AbortError' ? 'timed out' : 'connection error', error));
  });
}

/** Step 3b: the signing certificate of a valid chain for Alexa, or RequestVerificationError. */
export function checkCertificateChain(pem: string, now: number, roots: readonly X509Certificate[]): X509Certificate {
  let chain: X509Certificate[];
  try {
    chain = (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((block) => new X509Certificate(block));
  } catch (cause) {
    throw new RequestVerificationError('certificate chain is not valid PEM', { cause });
  }
  if (chain.length === 0 || chain.length > 5) throw new RequestVerificationError('certificate chain is empty or too long');
  for (const certificate of chain) {
    if (!(Date.parse(certificate.validFrom) <= now && now <= Date.parse(certificate.validTo))) {
      throw new RequestVerificationError('certificate expired or not yet valid');
    }
  }
  const [signing] = chain;
  const altNames = (signing.subjectAltName ?? '').split(/,\s*/);
  if (!altNames.includes(`DNS:${SIGNING_DOMAIN}`)) throw new RequestVerificationError(`signing certificate is not for ${SIGNING_DOMAIN}`);
  for (let i = 0; i + 1 < chain.length; i++) {
    const issuer = chain[i + 1];
    if (!issuer.ca || !chain[i].checkIssued(issuer) || !chain[i].verify(issuer.publicKey)) {
      throw new RequestVerificationError('certificate chain is broken');
    }
  }
  const last = chain[chain.length - 1];
  const anchored = roots.some(
    (root) => root.fingerprint256 === last.fingerprint256 || (last.checkIssued(root) && last.verify(root.publicKey)),
  );
  if (!anchored) throw new RequestVerificationError('certificate chain does not end at a trusted root');
  return signing;
}
