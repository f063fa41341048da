import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { esbuildOptions } from '../infra/bundling';
// The builder's launch request carries no apiAccessToken: the bundle makes no call to Alexa's real APIs.
import { aplProblems, screenOf } from './helpers/night-screen-checks';
import { canFulfillRequest, intentRequest, launchRequest } from './helpers/requests';

const run = promisify(execFile);

/**
 * The bundle Lambda runs, built with the same settings as `npm run build`, loaded in a fresh Node
 * process with nothing else on its module path.
 */
describe('the Lambda bundle', () => {
  let dir: string;
  let bundle: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'leg-cramp-bundle-'));
    bundle = path.join(dir, 'index.js');
    await build(esbuildOptions(bundle));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one self-contained file with a source map beside it', () => {
    expect(statSync(bundle).size).toBeGreaterThan(0);
    expect(statSync(`${bundle}.map`).size).toBeGreaterThan(0);
  });

  it('exports an async handler that answers a LaunchRequest without a callback', async () => {
    const script = `
      const { handler } = require(${JSON.stringify(bundle)});
      if (handler.length > 2) throw new Error('handler takes a callback');
      const result = handler(JSON.parse(process.env.EVENT), {});
      if (!(result instanceof Promise)) throw new Error('handler is not async');
      result.then((r) => process.stdout.write(JSON.stringify(r)));
    `;
    const env = { PATH: process.env.PATH ?? '', EVENT: JSON.stringify(launchRequest()), AWS_REGION: 'us-east-1' };
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: dir, env });
    const response = JSON.parse(stdout);
    expect(response.version).toBe('1.0');
    expect(response.response.outputSpeech.ssml).toContain('leg cramps');
    expect(response.response.shouldEndSession).toBe(false);
  });

  /** One request through the bundle's handler in a fresh process (no history table: session-only history). */
  async function invokeBundle(event: unknown) {
    const script = `require(${JSON.stringify(bundle)}).handler(JSON.parse(process.env.EVENT), {}).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const env = { PATH: process.env.PATH ?? '', EVENT: JSON.stringify(event), AWS_REGION: 'us-east-1' };
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: dir, env });
    return JSON.parse(stdout);
  }

  it("answers a device with a screen with one RenderDocument that passes Amazon's APL validator, and a voice-only one without", async () => {
    const [withScreen, voiceOnly] = await Promise.all([
      invokeBundle(intentRequest('ReliefRoutineIntent', {}, { screen: 'ROUND', newSession: true })),
      invokeBundle(intentRequest('ReliefRoutineIntent', {}, { newSession: true })),
    ]);
    const screen = screenOf(withScreen)!;
    expect(screen.token).toBe('routine-step-1');
    expect(screen.commands).toBeDefined();
    expect(await aplProblems(screen)).toEqual([]);
    expect(voiceOnly.response.directives).toBeUndefined();
    expect(voiceOnly.response.outputSpeech).toEqual(withScreen.response.outputSpeech);
  });

  it('answers a CanFulfillIntentRequest without a word', async () => {
    const response = await invokeBundle(canFulfillRequest('CauseDetailIntent', { cause: { value: 'dehydration', id: 'DEHYDRATION' } }));
    expect(response.response).toEqual({ canFulfillIntent: { canFulfill: 'YES', slots: { cause: { canUnderstand: 'YES', canFulfill: 'YES' } } } });
  });
});
