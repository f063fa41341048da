/**
 * `npm run serve`: the skill behind ask-sdk-express-adapter, in-process on a free port. Requests without a
 * valid Alexa signature are refused; with `insecure` the endpoint answers like the handler itself.
 * No request leaves 127.0.0.1 (the bad certificate URL is refused before anything is fetched).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { launchEnvelope, speechOf } from '../../local/envelope';
import { createSkillServer, type SkillServer } from '../../local/serve';

const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-00000000cafe';

function launch(userId: string) {
  return launchEnvelope({ skillId: SKILL_ID, userId, locale: 'en-US', sessionId: `amzn1.echo-api.session.${userId}`, newSession: true, attributes: {} });
}

async function post(server: SkillServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}

describe('npm run serve (skill web endpoint)', () => {
  const dirs: string[] = [];
  const servers: SkillServer[] = [];
  const start = async (insecure: boolean) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leg-cramp-serve-'));
    dirs.push(dataDir);
    const server = await createSkillServer({ port: 0, dataDir, insecure, logLevel: 'SILENT' });
    servers.push(server);
    return server;
  };

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses requests without a signature, or with a bad one, with HTTP 400', async () => {
    const server = await start(false);
    const unsigned = await post(server, launch('amzn1.ask.account.UNSIGNED'));
    expect(unsigned.status).toBe(400);
    expect(unsigned.text).toMatch(/Missing Certificate/);

    const badlySigned = await post(server, launch('amzn1.ask.account.BADSIG'), {
      SignatureCertChainUrl: 'https://certs.example.invalid/echo.api/echo-api-cert.pem',
      'Signature-256': 'bm90IGEgc2lnbmF0dXJl',
    });
    expect(badlySigned.status).toBe(400);
    expect(badlySigned.text).toMatch(/invalid host name/);
  });

  it('with --insecure, answers a LaunchRequest exactly as the handler does', async () => {
    const server = await start(true);
    const overHttp = await post(server, launch('amzn1.ask.account.HTTPUSER'));
    expect(overHttp.status).toBe(200);
    const viaHttp = JSON.parse(overHttp.text) as ResponseEnvelope;
    const direct = await server.runtime.invoke(launch('amzn1.ask.account.DIRECTUSER'));
    expect(viaHttp.response).toEqual(direct.response);
    expect(speechOf(viaHttp)).toMatch(/^Hi\. /);
  });
});
