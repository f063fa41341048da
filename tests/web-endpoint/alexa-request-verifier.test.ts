/**
 * AlexaRequestVerifier's certificate downloads, on its own clock: how long a verified chain and a failure are
 * kept, and how many downloads run at once. Chains come from the local stand-in for s3.amazonaws.com (the
 * openssl test PKI under /echo.api/test-pki/); nothing leaves 127.0.0.1.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  AlexaRequestVerifier,
  CertificateDownloadsBusyError,
  CertificateValidityError,
  FAILED_CERTIFICATE_TTL_MS,
  UntrustedChainError,
  type AlexaRequestVerifierOptions,
} from '../../web-endpoint/alexa-request-verifier';
import { signedHeaders, startCertificateStandIn, TEST_PKI_LEAF_KEY, TEST_PKI_ROOT_PEM, TEST_ROOT_PEM, type CertificateStandIn } from '../helpers/certificate-stand-in';

const testPkiUrl = (file: string) => `https://s3.amazonaws.com/echo.api/test-pki/${file}`;

let standIn: CertificateStandIn;
beforeAll(async () => {
  standIn = await startCertificateStandIn();
});
afterAll(() => standIn.stop());

/** A verifier on a clock the test moves, trusting the test PKI's root, downloading from the stand-in. */
function verifierAt(start: string, options: Partial<AlexaRequestVerifierOptions> = {}) {
  let now = Date.parse(start);
  const verifier = new AlexaRequestVerifier({ agent: standIn.agent, trustedRoots: [TEST_PKI_ROOT_PEM], now: () => now, downloadTimeoutMs: 1500, ...options });
  return {
    verifier,
    /** Moves the clock to `at`. */
    set: (at: string) => void (now = Date.parse(at)),
    /** A LaunchRequest stamped "now", signed with the test PKI's leaf key, naming `certUrl`. */
    verify(certUrl: string, key = TEST_PKI_LEAF_KEY) {
      const body = Buffer.from(JSON.stringify({ version: '1.0', request: { type: 'LaunchRequest', requestId: 'amzn1.echo-api.request.1', timestamp: new Date(now).toISOString() } }));
      return verifier.verify(body, lowerCase(signedHeaders(body, certUrl, key)));
    },
  };
}

/** Node hands the server its headers lower-cased. */
function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** The stand-in's requests for `path` since `from`. */
const downloadsOf = (path: string, from: number) => standIn.requests.slice(from).filter((p) => p === path).length;

describe('AlexaRequestVerifier certificate cache', () => {
  it('keeps a verified chain until its EARLIEST notAfter (an intermediate ending 2030-02-01), not the signing certificate’s (2035)', async () => {
    const clock = verifierAt('2030-01-01T00:00:00Z');
    const url = testPkiUrl('short-intermediate.pem');
    const path = new URL(url).pathname;
    const from = standIn.requests.length;
    await expect(clock.verify(url)).resolves.toMatchObject({ version: '1.0' });
    clock.set('2030-01-31T23:59:00Z');
    await expect(clock.verify(url)).resolves.toBeDefined();
    expect(downloadsOf(path, from)).toBe(1);
    // Past the intermediate's notAfter the cached chain is gone: downloaded again, and now refused.
    clock.set('2030-02-01T00:00:01Z');
    await expect(clock.verify(url)).rejects.toBeInstanceOf(CertificateValidityError);
    expect(downloadsOf(path, from)).toBe(2);
  });

  it('keeps a failed download for a minute, then tries again', async () => {
    const clock = verifierAt('2030-01-01T00:00:00Z');
    const url = testPkiUrl('no-such-chain.pem');
    const path = new URL(url).pathname;
    const from = standIn.requests.length;
    await expect(clock.verify(url)).rejects.toThrow('certificate download failed: HTTP 404');
    clock.set('2030-01-01T00:00:59Z');
    await expect(clock.verify(url)).rejects.toThrow('certificate download failed: HTTP 404');
    expect(downloadsOf(path, from)).toBe(1);
    clock.set(new Date(Date.parse('2030-01-01T00:00:00Z') + FAILED_CERTIFICATE_TTL_MS + 1000).toISOString());
    await expect(clock.verify(url)).rejects.toThrow('certificate download failed: HTTP 404');
    expect(downloadsOf(path, from)).toBe(2);
  });

  it('keeps a chain that did not verify for a minute too', async () => {
    const clock = verifierAt('2030-01-01T00:00:00Z');
    const url = testPkiUrl('look-alike-root.pem');
    const from = standIn.requests.length;
    await expect(clock.verify(url)).rejects.toBeInstanceOf(UntrustedChainError);
    await expect(clock.verify(url)).rejects.toBeInstanceOf(UntrustedChainError);
    expect(downloadsOf(new URL(url).pathname, from)).toBe(1);
  });

  it('checks the request signature with the chain’s key: another key is refused even with a cached chain', async () => {
    const clock = verifierAt('2030-01-01T00:00:00Z');
    const url = testPkiUrl('valid.pem');
    await expect(clock.verify(url)).resolves.toBeDefined();
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(clock.verify(url, otherKey)).rejects.toThrow('signature does not match the request body');
  });
});

describe('AlexaRequestVerifier download cap', () => {
  it('runs at most maxConcurrentDownloads at once, queues maxQueuedDownloads, and refuses the rest at once as busy', async () => {
    const verifier = new AlexaRequestVerifier({ agent: standIn.agent, trustedRoots: [TEST_ROOT_PEM], maxConcurrentDownloads: 2, maxQueuedDownloads: 2 });
    const from = standIn.requests.length;
    const body = Buffer.from(JSON.stringify({ version: '1.0', request: { type: 'LaunchRequest', requestId: 'r', timestamp: new Date().toISOString() } }));
    // Eight requests, each naming its own slow certificate URL (the stand-in answers after 300 ms).
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        verifier.verify(body, lowerCase(signedHeaders(body, `https://s3.amazonaws.com/echo.api/slow-cap-${i}.pem`))).then(
          () => 'verified',
          (error: unknown) => (error instanceof CertificateDownloadsBusyError ? `busy, retry after ${error.retryAfterSeconds} s` : String(error)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'verified')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'busy, retry after 3 s')).toHaveLength(4);
    expect(standIn.requests.slice(from).filter((p) => p.startsWith('/echo.api/slow-cap-'))).toHaveLength(4);
    // The stand-in (whose earlier downloads in this file ran one at a time) never had more than two at once.
    expect(standIn.mostAtOnce).toBe(2);
    // A busy refusal is not remembered as a failure: the same URL downloads once the queue has room.
    const busyUrl = `https://s3.amazonaws.com/echo.api/slow-cap-${outcomes.findIndex((o) => o !== 'verified')}.pem`;
    await expect(verifier.verify(body, lowerCase(signedHeaders(body, busyUrl)))).resolves.toBeDefined();
  });
});
