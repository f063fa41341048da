/**
 * Where AlexaRequestVerifier gets the signing certificate for a (checked) certificate URL: a download with a
 * size cap and a deadline, the chain verified (certificate-chain.ts), and the result cached per URL.
 *
 *   - a verified chain is kept until its EARLIEST notAfter (any certificate of the path expiring ends it);
 *   - a failed download or a chain that did not verify is kept for FAILED_CERTIFICATE_TTL_MS: an unsigned
 *     request naming a dead URL costs one download a minute, not one each;
 *   - one download per URL at a time, however many requests wait for it;
 *   - at most MAX_CONCURRENT_DOWNLOADS at once with MAX_QUEUED_DOWNLOADS waiting for a turn; beyond that
 *     CertificateDownloadsBusyError (HTTP 503 with Retry-After): a flood of made-up URLs never opens more
 *     than a few outbound connections.
 */
import type { X509Certificate } from 'node:crypto';
import { get as httpsGet, type Agent } from 'node:https';
import { checkCertificateChain, type VerifiedChain } from './certificate-chain';
import { CertificateDownloadsBusyError, RequestVerificationError } from './verification-errors';

/** Alexa's chain is about 7 KB; anything much larger is not it. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
export const CERTIFICATE_DOWNLOAD_TIMEOUT_MS = 3000;
export const FAILED_CERTIFICATE_TTL_MS = 60_000;
export const MAX_CONCURRENT_DOWNLOADS = 2;
export const MAX_QUEUED_DOWNLOADS = 4;
const MAX_CACHED_CHAINS = 8;
const MAX_CACHED_FAILURES = 256;

export interface CertificateSourceOptions {
  /** Epoch ms; the verification time of every chain. */
  readonly now: () => number;
  readonly trustedRoots: readonly string[];
  /** The agent for downloads (tests route it to a local stand-in). */
  readonly agent?: Agent | undefined;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
  readonly maxConcurrent?: number;
  readonly maxQueued?: number;
  readonly failureTtlMs?: number;
}

interface CachedFailure {
  readonly error: unknown;
  readonly until: number;
}

export class CertificateSource {
  private readonly verified = new Map<string, VerifiedChain>();
  private readonly failed = new Map<string, CachedFailure>();
  private readonly inFlight = new Map<string, Promise<VerifiedChain>>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;

  constructor(private readonly options: CertificateSourceOptions) {}

  /** The signing certificate of the verified chain at `url` (already checked by checkCertificateUrl). */
  async signingCertificate(url: URL): Promise<X509Certificate> {
    const key = url.href;
    const now = this.options.now();
    const cached = this.verified.get(key);
    if (cached && now < cached.validUntil) return cached.certificate;
    const failure = this.failed.get(key);
    if (failure && now < failure.until) throw failure.error;
    let fetching = this.inFlight.get(key);
    if (!fetching) {
      fetching = this.fetchAndVerify(url);
      this.inFlight.set(key, fetching);
      fetching.then(
        (chain) => remember(this.verified, key, chain, MAX_CACHED_CHAINS),
        (error: unknown) => {
          if (error instanceof CertificateDownloadsBusyError) return;
          remember(this.failed, key, { error, until: this.options.now() + (this.options.failureTtlMs ?? FAILED_CERTIFICATE_TTL_MS) }, MAX_CACHED_FAILURES);
        },
      ).finally(() => this.inFlight.delete(key));
    }
    return (await fetching).certificate;
  }

  private async fetchAndVerify(url: URL): Promise<VerifiedChain> {
    await this.turn();
    try {
      const pem = await downloadCertificate(url, {
        agent: this.options.agent,
        maxBytes: this.options.maxBytes ?? MAX_CERTIFICATE_BYTES,
        timeoutMs: this.options.timeoutMs ?? CERTIFICATE_DOWNLOAD_TIMEOUT_MS,
      });
      return await checkCertificateChain(pem, { at: new Date(this.options.now()), trustedRoots: this.options.trustedRoots });
    } finally {
      // The slot goes to the next in the queue, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** A download slot: at once, after those ahead in the queue, or CertificateDownloadsBusyError when the queue is full. */
  private async turn(): Promise<void> {
    if (this.running < (this.options.maxConcurrent ?? MAX_CONCURRENT_DOWNLOADS)) {
      this.running++;
      return;
    }
    if (this.waiting.length >= (this.options.maxQueued ?? MAX_QUEUED_DOWNLOADS)) {
      throw new CertificateDownloadsBusyError(Math.ceil((this.options.timeoutMs ?? CERTIFICATE_DOWNLOAD_TIMEOUT_MS) / 1000));
    }
    // The download that finishes hands its slot over (`running` stays as it is).
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}

/** Sets `key` as the newest entry and drops the oldest beyond `max`. */
function remember<T>(map: Map<string, T>, key: string, value: T, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

/** The chain's PEM text, at most `maxBytes`, within `timeoutMs` overall, HTTP 200 only (no redirects). */
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
