/**
 * `npm run serve` under clients that hold on: header and request deadlines that hold to about a second,
 * the connection cap, and 503 with Retry-After when too many certificate downloads are under way. Raw
 * sockets on 127.0.0.1; certificates from the local stand-in. Timings are measured with generous bounds
 * (this machine is shared): what they rule out is Node's default of checking deadlines every 30 s.
 */
import * as fs from 'fs';
import { connect, type Socket } from 'net';
import * as os from 'os';
import * as path from 'path';
import { launchEnvelope, DEFAULT_SKILL_ID } from '../../simulation/envelope';
import { CONNECTIONS_CHECKING_INTERVAL_MS, createSkillServer, MAX_CONNECTIONS, type SkillServer, type SkillServerOptions } from '../../web-endpoint/serve';
import { signedHeaders, startCertificateStandIn, TEST_ROOT_PEM, type CertificateStandIn } from '../helpers/certificate-stand-in';

const dirs: string[] = [];
const servers: SkillServer[] = [];
const sockets: Socket[] = [];
let standIn: CertificateStandIn;
const warnings: string[] = [];

async function start(options: Partial<SkillServerOptions> = {}): Promise<SkillServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leg-cramp-serve-conn-'));
  dirs.push(dataDir);
  const server = await createSkillServer({
    port: 0,
    dataDir,
    logLevel: 'SILENT',
    skillId: DEFAULT_SKILL_ID,
    warn: (line) => warnings.push(line),
    verifier: { agent: standIn.agent, trustedRoots: [TEST_ROOT_PEM], downloadTimeoutMs: 1500 },
    ...options,
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  delete process.env.SKILL_ID;
  standIn = await startCertificateStandIn();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => s.close()));
  await standIn?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw TCP connection to the server, and when it was closed (ms after it connected) with what it was sent. */
function rawClient(server: SkillServer): Promise<{ socket: Socket; closed: Promise<{ afterMs: number; received: string }> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    sockets.push(socket);
    let received = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    socket.once('error', () => undefined); // a reset shows as 'close' too
    socket.once('connect', () => {
      const connectedAt = performance.now();
      const closed = new Promise<{ afterMs: number; received: string }>((done) => socket.once('close', () => done({ afterMs: performance.now() - connectedAt, received })));
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

/** Writes `text` one character every `everyMs` until the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

function signedLaunch(userId: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(launchEnvelope({ skillId: DEFAULT_SKILL_ID, userId, locale: 'en-US', sessionId: `amzn1.echo-api.session.${userId}`, newSession: true, attributes: {} }));
  return { body, headers: signedHeaders(body) };
}

describe('npm run serve, slow clients', () => {
  it('cuts a client trickling its headers at the header deadline, and one trickling its body at the request deadline, within about a second', async () => {
    const timeouts = { headers: 1000, request: 2000, idle: 15_000 };
    const server = await start({ timeouts });
    const slowHeaders = await rawClient(server);
    slowHeaders.socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    trickle(slowHeaders.socket, 'X-Slow: ' + 'a'.repeat(200), 100);
    const slowBody = await rawClient(server);
    slowBody.socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n');
    trickle(slowBody.socket, ' '.repeat(500), 100);

    const [headersCut, requestCut] = await Promise.all([slowHeaders.closed, slowBody.closed]);
    // Node checks the deadlines every CONNECTIONS_CHECKING_INTERVAL_MS (a second): cut between the deadline and
    // a second after it (plus slack for a busy machine), where Node's default interval would wait up to 30 s.
    expect(CONNECTIONS_CHECKING_INTERVAL_MS).toBeLessThanOrEqual(1000);
    const latest = 1000 + 1500;
    expect(headersCut.afterMs).toBeGreaterThanOrEqual(timeouts.headers - 50);
    expect(headersCut.afterMs).toBeLessThan(timeouts.headers + latest);
    expect(requestCut.afterMs).toBeGreaterThanOrEqual(timeouts.request - 50);
    expect(requestCut.afterMs).toBeLessThan(timeouts.request + latest);
    expect(headersCut.received).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('npm run serve, connection cap', () => {
  it('closes connections beyond maxConnections as they arrive, and serves again once one is free', async () => {
    expect(MAX_CONNECTIONS).toBeGreaterThan(0);
    const server = await start({ maxConnections: 2 });
    expect(server.server.maxConnections).toBe(2);
    const held = [await rawClient(server), await rawClient(server)];
    for (const { socket } of held) socket.write('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // headers never finished
    const extra = await rawClient(server);
    extra.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const dropped = await extra.closed;
    expect(dropped.received).toBe('');
    expect(dropped.afterMs).toBeLessThan(1000);

    held[0]!.socket.destroy();
    await held[0]!.closed;
    // The server counts the freed socket once its close is processed: ask until it answers (a few ms).
    const { body, headers } = signedLaunch('amzn1.ask.account.AFTERCAP');
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
      status = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close', ...headers }, body }).then(
        (r) => r.status,
        () => 0,
      );
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(200);
  });
});

describe('npm run serve, certificate downloads', () => {
  it('answers 503 with Retry-After when the download queue is full, and logs one line for it', async () => {
    const server = await start({
      // Certificates that never finish: the first download holds its slot for the whole 1 s deadline.
      verifier: { agent: standIn.agent, trustedRoots: [TEST_ROOT_PEM], downloadTimeoutMs: 1000, maxConcurrentDownloads: 1, maxQueuedDownloads: 1 },
    });
    const logged = warnings.length;
    const answers = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const { body, headers } = signedLaunch(`amzn1.ask.account.BUSY${i}`);
        const certHeaders = { ...headers, SignatureCertChainUrl: `https://s3.amazonaws.com/echo.api/endless-busy-${i}.pem` };
        const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...certHeaders }, body });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as unknown };
      }),
    );
    // One download ran and one waited its turn (both time out: 400); the other two were turned away at once.
    expect(answers.filter((a) => a.status === 400).map((a) => a.body)).toEqual(Array(2).fill({ error: 'bad request', detail: 'certificate download failed: timed out' }));
    const busy = answers.filter((a) => a.status === 503);
    expect(busy).toHaveLength(2);
    for (const answer of busy) {
      expect(answer.retryAfter).toBe('1');
      expect(answer.body).toEqual({ error: 'service unavailable', detail: 'too many certificate downloads at once' });
    }
    expect(warnings.slice(logged).filter((line) => line.startsWith('deferred a request (503)'))).toHaveLength(2);
  });
});
