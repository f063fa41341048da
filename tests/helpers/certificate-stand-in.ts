import { sign } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, Agent, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as path from 'node:path';
import { connect, type ConnectionOptions } from 'node:tls';

/**
 * A local stand-in for Alexa's certificate host (s3.amazonaws.com) on 127.0.0.1, over real TLS with a
 * TEST-ONLY certificate chain (tests/fixtures/alexa-signing, see generate.sh), and a signer that signs
 * request bodies the way Alexa does. The verifier under test keeps its real URL checks and downloads
 * through `agent`, which connects every s3.amazonaws.com request to the stand-in instead: so `connections`
 * counts every outbound connection the verifier tried, and `requests` every path it asked for.
 *
 *   /echo.api/cert.pem            the signing certificate and the test root (a valid chain)
 *   /echo.api/slow-<name>.pem     the same chain, after SLOW_CERT_DELAY_MS (one URL per name: no shared download)
 *   /echo.api/declared-huge.pem   announces 600 MB (Content-Length) and sends nothing
 *   /echo.api/huge.pem            streams without end as fast as the client reads (no Content-Length)
 *   /echo.api/endless<any>.pem    sends a PEM header, then one byte every 200 ms, never finishing
 *   /echo.api/test-pki/<f>.pem    tests/fixtures/test-pki/<f>.pem (sign with TEST_PKI_LEAF_KEY)
 *   anything else                 404
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'alexa-signing');
const TEST_PKI = path.join(__dirname, '..', 'fixtures', 'test-pki');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

export const TEST_ROOT_PEM = read('test-root.pem');
const SIGNING_PEM = read('signing.pem');
const SIGNING_KEY = read('signing.key');
/** The test PKI (tests/fixtures/test-pki): its root, and the key of every leaf it issued. */
export const TEST_PKI_ROOT_PEM = readFileSync(path.join(TEST_PKI, 'root.pem'), 'utf8');
export const TEST_PKI_LEAF_KEY = readFileSync(path.join(TEST_PKI, 'leaf.key'), 'utf8');

export const CERT_URL = 'https://s3.amazonaws.com/echo.api/cert.pem';
export const SLOW_CERT_DELAY_MS = 300;

/** The headers Alexa would send with `body` (its exact bytes; text is sent as UTF-8), signed with the test signing key. */
export function signedHeaders(body: string | Uint8Array, certUrl = CERT_URL, key = SIGNING_KEY): Record<string, string> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { SignatureCertChainUrl: certUrl, 'Signature-256': sign('RSA-SHA256', bytes, key).toString('base64') };
}

export interface CertificateStandIn {
  /** Routes every HTTPS connection to the stand-in (hand it to the verifier). */
  readonly agent: Agent;
  /** Outbound connections the agent was asked for. */
  readonly connections: number;
  /** Paths requested from the stand-in, in order. */
  readonly requests: readonly string[];
  /** The most requests the stand-in was answering at once. */
  readonly mostAtOnce: number;
  stop(): Promise<void>;
}

export async function startCertificateStandIn(): Promise<CertificateStandIn> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let atOnce = 0;
  let mostAtOnce = 0;
  const server: Server = createServer({ key: read('stand-in-tls.key'), cert: read('stand-in-tls.pem') }, (req, res) => {
    requests.push(req.url ?? '');
    mostAtOnce = Math.max(mostAtOnce, ++atOnce);
    res.once('close', () => atOnce--);
    const pathname = new URL(req.url ?? '/', 'https://s3.amazonaws.com').pathname;
    const testPki = /^\/echo\.api\/test-pki\/([a-z0-9-]+\.pem)$/.exec(pathname)?.[1];
    if (testPki && existsSync(path.join(TEST_PKI, testPki))) {
      res.writeHead(200).end(readFileSync(path.join(TEST_PKI, testPki)));
      return;
    }
    if (/^\/echo\.api\/slow-[a-z0-9-]+\.pem$/.test(pathname)) {
      const timer = setTimeout(() => res.writeHead(200).end(SIGNING_PEM + TEST_ROOT_PEM), SLOW_CERT_DELAY_MS);
      timers.add(timer);
      return;
    }
    if (/^\/echo\.api\/endless[a-z0-9-]*\.pem$/.test(pathname)) {
      res.writeHead(200);
      res.write('-----BEGIN CERTIFICATE-----\n');
      const timer = setInterval(() => res.write('A'), 200);
      timers.add(timer);
      res.once('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      return;
    }
    switch (pathname) {
      case '/echo.api/cert.pem':
        res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(SIGNING_PEM + TEST_ROOT_PEM);
        return;
      case '/echo.api/declared-huge.pem':
        res.writeHead(200, { 'content-length': String(600 * 2 ** 20) }).flushHeaders();
        return;
      case '/echo.api/huge.pem': {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 'A');
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on('drain', pump);
        pump();
        return;
      }
      default:
        res.writeHead(404).end();
    }
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let connections = 0;
  const agent = new Agent({ keepAlive: false });
  // The verifier asked for s3.amazonaws.com:443; it gets the stand-in, whose certificate it checks against the test root.
  (agent as unknown as { createConnection: (options: ConnectionOptions, callback?: () => void) => Socket }).createConnection = (options, callback) => {
    connections++;
    return connect({ ...options, host: '127.0.0.1', port, ca: TEST_ROOT_PEM, servername: 's3.amazonaws.com' }, callback);
  };

  return {
    agent,
    get connections() {
      return connections;
    },
    requests,
    get mostAtOnce() {
      return mostAtOnce;
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
