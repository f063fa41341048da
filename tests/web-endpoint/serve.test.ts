/**
 * `npm run serve`: the skill behind its own Alexa request verification, in-process on a free port. Requests
 * are signed with a TEST certificate chain served by a local HTTPS stand-in for s3.amazonaws.com (the
 * verifier's real URL checks run; only its connections are routed to the stand-in). Nothing leaves 127.0.0.1.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gzipSync } from 'zlib';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { checkCertificateUrl, RequestVerificationError } from '../../web-endpoint/alexa-request-verifier';
import { DEFAULT_SKILL_ID, launchEnvelope, speechOf } from '../../simulation/envelope';
import { createSkillServer, MAX_BODY_BYTES, parseArgs, SERVER_TIMEOUTS_MS, USAGE, type SkillServer, type SkillServerOptions } from '../../web-endpoint/serve';
import { UsageError } from '../../command-line/flags';
import { CERT_URL, signedHeaders, startCertificateStandIn, TEST_ROOT_PEM, type CertificateStandIn } from '../helpers/certificate-stand-in';

const SKILL_ID = DEFAULT_SKILL_ID;
/** The test's own download deadline (the real one is 3 s): long enough for a busy machine, short for the suite. */
const DOWNLOAD_TIMEOUT_MS = 1500;

function launch(userId: string, timestampShiftMs = 0): RequestEnvelope {
  const envelope = launchEnvelope({ skillId: SKILL_ID, userId, locale: 'en-US', sessionId: `amzn1.echo-api.session.${userId}`, newSession: true, attributes: {} });
  if (timestampShiftMs) {
    // Alexa's timestamps have whole seconds: round away from now, so the shift is never smaller than asked
    // (truncating "151 s ahead" could leave 150.x s, inside the tolerance by the time the server checks it).
    const at = Date.now() + timestampShiftMs;
    const whole = timestampShiftMs > 0 ? Math.ceil(at / 1000) : Math.floor(at / 1000);
    envelope.request.timestamp = new Date(whole * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return envelope;
}

/** The same request, for a skill other than SKILL_ID (in context and session, as Alexa sends it). */
function forAnotherSkill(envelope: RequestEnvelope): RequestEnvelope {
  envelope.context.System.application.applicationId = 'amzn1.ask.skill.11111111-1111-1111-1111-111111111111';
  envelope.session!.application.applicationId = envelope.context.System.application.applicationId;
  return envelope;
}

async function post(server: SkillServer, body: string | Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** A body signed by the test chain, with the certificate URL given. */
async function postSigned(server: SkillServer, envelope: RequestEnvelope, certUrl = CERT_URL) {
  const body = JSON.stringify(envelope);
  return post(server, body, signedHeaders(body, certUrl));
}

const dirs: string[] = [];
const servers: SkillServer[] = [];
let standIn: CertificateStandIn;
const warnings: string[] = [];

async function start(options: Partial<SkillServerOptions> = {}): Promise<SkillServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leg-cramp-serve-'));
  dirs.push(dataDir);
  const server = await createSkillServer({
    port: 0,
    dataDir,
    logLevel: 'SILENT',
    warn: (line) => warnings.push(line),
    verifier: { agent: standIn.agent, trustedRoots: [TEST_ROOT_PEM], downloadTimeoutMs: DOWNLOAD_TIMEOUT_MS },
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
  await Promise.all(servers.map((s) => s.close()));
  await standIn?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run serve, verifying', () => {
  let server: SkillServer;
  beforeAll(async () => {
    server = await start({ skillId: SKILL_ID });
  });

  /** Asserts a small JSON error with no stack, path or HTML. */
  function expectJsonError(answer: { status: number; contentType: string; text: string }, status: number): void {
    expect(answer.status).toBe(status);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.text.length).toBeLessThan(200);
    expect(answer.text).not.toMatch(/<html|at \w+ \(|node_modules|\/work\/|\/home\//i);
  }

  /** Still up and verifying: a properly signed request is answered. */
  async function expectStillServing(): Promise<void> {
    const ok = await postSigned(server, launch('amzn1.ask.account.STILLUP'));
    expect(ok.status).toBe(200);
  }

  it('answers a request signed by the (test) Alexa chain, and downloads the chain once (cached)', async () => {
    const before = standIn.requests.length;
    const first = await postSigned(server, launch('amzn1.ask.account.SIGNED1'));
    expect(first.status).toBe(200);
    expect(speechOf(JSON.parse(first.text) as ResponseEnvelope)).not.toBe('');
    // The host in another case and an explicit :443 are the same URL after normalisation: still one download.
    const second = await postSigned(server, launch('amzn1.ask.account.SIGNED2'), 'https://S3.AmazonAWS.com:443/echo.api/cert.pem');
    expect(second.status).toBe(200);
    expect(standIn.requests.slice(before)).toEqual(['/echo.api/cert.pem']);
  });

  it('refuses a body that does not match its signature, and unsigned requests', async () => {
    const body = JSON.stringify(launch('amzn1.ask.account.TAMPERED'));
    const tampered = await post(server, body.replace('TAMPERED', 'TAMPERES'), signedHeaders(body));
    expectJsonError(tampered, 400);
    expect(JSON.parse(tampered.text)).toEqual({ error: 'bad request', detail: 'signature does not match the request body' });
    expectJsonError(await post(server, body), 400);
  });

  it.each([
    ['`..`', 'https://s3.amazonaws.com/echo.api/../evil/x.pem'],
    ['`%2e%2e`', 'https://s3.amazonaws.com/echo.api/%2e%2e/evil/x.pem'],
    ['`%2E%2E`', 'https://s3.amazonaws.com/echo.api/%2E%2E/evil/x.pem'],
    ['`.%2e`', 'https://s3.amazonaws.com/echo.api/.%2e/evil/x.pem'],
    ['an encoded slash', 'https://s3.amazonaws.com/echo.api%2f..%2fevil/x.pem'],
    ['a backslash', 'https://s3.amazonaws.com/echo.api\\..\\evil/x.pem'],
    ['http', 'http://s3.amazonaws.com/echo.api/cert.pem'],
    ['another host', 'https://s3.amazonaws.com.evil.example/echo.api/cert.pem'],
    ['credentials', 'https://s3.amazonaws.com@evil.example/echo.api/cert.pem'],
    ['another port', 'https://s3.amazonaws.com:8443/echo.api/cert.pem'],
    ['another path', 'https://s3.amazonaws.com/evil/echo.api/cert.pem'],
    ['a path that only starts like it', 'https://s3.amazonaws.com/echo.api.evil/cert.pem'],
    ['not a URL', 'echo.api/cert.pem'],
    ['a query', 'https://s3.amazonaws.com/echo.api/cert.pem?n=1'],
    ['an empty query', 'https://s3.amazonaws.com/echo.api/cert.pem?'],
    ['a fragment', 'https://s3.amazonaws.com/echo.api/cert.pem#x'],
  ])('refuses a certificate URL with %s: 400, no outbound request, still serving', async (_name, certUrl) => {
    const connections = standIn.connections;
    const refused = await postSigned(server, launch('amzn1.ask.account.TRAVERSAL'), certUrl);
    expectJsonError(refused, 400);
    expect(standIn.connections).toBe(connections);
    await expectStillServing();
  });

  it.each([
    ['151 s old', -151_000],
    ['151 s in the future', 151_000],
    ['a day in the future', 86_400_000],
  ])('refuses a timestamp %s before fetching anything', async (_name, shift) => {
    const connections = standIn.connections;
    // A certificate URL never fetched before: the timestamp alone must stop the request.
    const refused = await postSigned(server, launch('amzn1.ask.account.STALE', shift), 'https://s3.amazonaws.com/echo.api/never-fetched.pem');
    expectJsonError(refused, 400);
    expect(JSON.parse(refused.text).detail).toMatch(/timestamp/);
    expect(standIn.connections).toBe(connections);
  });

  it('accepts a skill event delivered late (30 min), as Alexa may', async () => {
    const event = {
      version: '1.0',
      context: { System: { application: { applicationId: SKILL_ID }, user: { userId: 'amzn1.ask.account.LATEEVENT' } } },
      request: {
        type: 'AlexaSkillEvent.SkillEnabled',
        requestId: 'amzn1.echo-api.request.late',
        timestamp: new Date(Date.now() - 30 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        eventCreationTime: new Date(Date.now() - 30 * 60_000).toISOString(),
        eventPublishingTime: new Date(Date.now() - 30 * 60_000).toISOString(),
      },
    } as unknown as RequestEnvelope;
    expect((await postSigned(server, event)).status).toBe(200);
  });

  it.each([
    ['announced as 600 MB', 'declared-huge.pem'],
    ['streaming without end', 'huge.pem'],
    ['dripping forever', 'endless.pem'],
  ])('refuses a certificate %s (size cap, deadline), and stays up', async (_name, file) => {
    const refused = await postSigned(server, launch('amzn1.ask.account.BIGCERT'), `https://s3.amazonaws.com/echo.api/${file}`);
    expectJsonError(refused, 400);
    expect(JSON.parse(refused.text).detail).toMatch(/certificate download failed: (too large|timed out)/);
    await expectStillServing();
  });

  it('20 requests waiting on one endless certificate share a single download', async () => {
    const before = standIn.requests.length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postSigned(server, launch(`amzn1.ask.account.CROWD${i}`), 'https://s3.amazonaws.com/echo.api/endless-crowd.pem')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(400));
    // One download for all of them (at most one more if this busy machine stalled a request past the first
    // download's deadline): not one held connection per request.
    expect(standIn.requests.slice(before).length).toBeLessThanOrEqual(2);
    expect(answers.every((a) => JSON.parse(a.text).detail === 'certificate download failed: timed out')).toBe(true);
    await expectStillServing();
  });

  it('answers body-parser and routing errors with small JSON, no stack traces or paths', async () => {
    const tooLarge = await post(server, JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }));
    expectJsonError(tooLarge, 413);
    expectJsonError(await post(server, '{"request": {"timestamp": "' + new Date().toISOString() + '"'), 400);
    const missing = await fetch(new URL('/nothing-here', server.url));
    expectJsonError({ status: missing.status, contentType: missing.headers.get('content-type') ?? '', text: await missing.text() }, 404);
    expect(missing.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses a signed request for another skill (SKILL_ID is enforced): 400 and one log line saying so', async () => {
    const logged = warnings.length;
    const refused = await postSigned(server, forAnotherSkill(launch('amzn1.ask.account.OTHERSKILL')));
    expectJsonError(refused, 400);
    expect(JSON.parse(refused.text).detail).toBe('request is for another skill');
    expect(warnings.slice(logged)).toEqual(['refused a request (400): request is for another skill']);
  });

  it('reports the first missing proof: an unsigned request with an old timestamp is unsigned, not too old', async () => {
    const body = JSON.stringify(launch('amzn1.ask.account.UNSIGNEDOLD', -3_600_000));
    const unsigned = await post(server, body);
    expect(JSON.parse(unsigned.text).detail).toBe('request is not signed: no Signature-256 header');
    const noUrl = await post(server, body, { 'Signature-256': signedHeaders(body)['Signature-256']! });
    expect(JSON.parse(noUrl.text).detail).toBe('request is not signed: no SignatureCertChainUrl header');
    expect(JSON.parse((await post(server, body, signedHeaders(body))).text).detail).toBe('request timestamp is too old');
  });

  it('checks the signature over the exact bytes received: a signed body starting with a byte-order mark is accepted', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(launch('amzn1.ask.account.BOM')), 'utf8')]);
    const answer = await post(server, bytes, signedHeaders(bytes));
    expect(answer.status).toBe(200);
    // The same bytes without the mark are not what was signed.
    expect(JSON.parse((await post(server, bytes.subarray(3), signedHeaders(bytes))).text).detail).toBe('signature does not match the request body');
  });

  it('checks the signature over the body after its content-encoding (gzip) is undone', async () => {
    const bytes = Buffer.from(JSON.stringify(launch('amzn1.ask.account.GZIP')), 'utf8');
    const answer = await post(server, gzipSync(bytes), { ...signedHeaders(bytes), 'content-encoding': 'gzip' });
    expect(answer.status).toBe(200);
    // A small gzip that inflates past the body cap is refused as too large, not inflated whole.
    const bomb = gzipSync(Buffer.alloc(4 * MAX_BODY_BYTES, 0x20));
    expect(bomb.length).toBeLessThan(4096);
    expectJsonError(await post(server, bomb, { 'content-encoding': 'gzip' }), 413);
  });

  it('refuses a signed body that is not UTF-8', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    const refused = await post(server, bytes, signedHeaders(bytes));
    expect(JSON.parse(refused.text).detail).toBe('request body is not UTF-8');
  });

  it('has header, request and idle-socket deadlines, and listens on loopback by default', () => {
    expect(server.server.headersTimeout).toBe(SERVER_TIMEOUTS_MS.headers);
    expect(server.server.requestTimeout).toBe(SERVER_TIMEOUTS_MS.request);
    expect(server.server.timeout).toBe(SERVER_TIMEOUTS_MS.idle);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });
});

describe('npm run serve, configuration', () => {
  it('requires SKILL_ID unless --insecure', async () => {
    await expect(start()).rejects.toThrow(/SKILL_ID is required/);
  });

  it('with --insecure warns at start and for every unverified request, and answers like the handler', async () => {
    warnings.length = 0;
    const server = await start({ insecure: true });
    expect(warnings).toEqual([expect.stringMatching(/^WARNING: --insecure: .*NOT verified/)]);
    const overHttp = await post(server, JSON.stringify(launch('amzn1.ask.account.HTTPUSER')));
    expect(overHttp.status).toBe(200);
    expect(warnings[1]).toBe('WARNING: --insecure: accepted an UNVERIFIED LaunchRequest request');
    const direct = await server.runtime.invoke(launch('amzn1.ask.account.DIRECTUSER'));
    expect((JSON.parse(overHttp.text) as ResponseEnvelope).response).toEqual(direct.response);
  });

  it('with --insecure still refuses another skill and a body that is not an Alexa request: 400, one log line each, never 500', async () => {
    const server = await start({ insecure: true, skillId: SKILL_ID });
    for (const [body, reason] of [
      [JSON.stringify(forAnotherSkill(launch('amzn1.ask.account.INSECUREOTHER'))), 'request is for another skill'],
      ['{}', 'not an Alexa request envelope'],
      ['[]', 'not an Alexa request envelope'],
      ['null', 'not an Alexa request envelope'],
      ['{"version":"1.0","request":{"type":"LaunchRequest"}}', 'not an Alexa request envelope'],
      ['not json', 'request body is not JSON'],
    ]) {
      const logged = warnings.length;
      const refused = await post(server, body!);
      expect({ status: refused.status, body: JSON.parse(refused.text) }).toEqual({ status: 400, body: { error: 'bad request', detail: reason } });
      expect(warnings.slice(logged)).toEqual([`refused a request (400): ${reason}`]);
    }
  });

  it('refuses a chain that does not end at a trusted root (here: only the real roots are trusted)', async () => {
    const server = await start({ skillId: SKILL_ID, verifier: { agent: standIn.agent, downloadTimeoutMs: DOWNLOAD_TIMEOUT_MS } });
    const refused = await postSigned(server, launch('amzn1.ask.account.UNTRUSTED'));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).detail).toBe('certificate chain does not end at a trusted root');
  });

  it('reads --skill-id and --host from the command line (loopback unless --host is given)', () => {
    expect(parseArgs(['--skill-id', SKILL_ID, '--host', '0.0.0.0'])).toMatchObject({ skillId: SKILL_ID, host: '0.0.0.0' });
    expect(parseArgs([])).not.toHaveProperty('host');
  });

  it('reads --x y and --x=y alike, and refuses an unknown flag, a stray word or a bad port with the usage line', () => {
    expect(parseArgs([`--skill-id=${SKILL_ID}`, '--port=0', '--host=::1', '--data=/tmp/x'])).toEqual(parseArgs(['--skill-id', SKILL_ID, '--port', '0', '--host', '::1', '--data', '/tmp/x']));
    for (const argv of [['--nope'], ['stray'], ['--port', '70000'], ['--port'], ['--insecure=yes']]) {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(USAGE);
    }
  });

  it('checkCertificateUrl returns the normalised URL it checked (what gets fetched)', () => {
    expect(checkCertificateUrl('https://S3.AMAZONAWS.COM:443/echo.api/echo-api-cert-12.pem').href).toBe('https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem');
    expect(() => checkCertificateUrl('https://s3.amazonaws.com/echo.api/')).toThrow(RequestVerificationError);
    expect(() => checkCertificateUrl('https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem#x')).toThrow('certificate URL has a query or fragment');
  });
});
