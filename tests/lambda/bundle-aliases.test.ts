/**
 * The bundle's stand-in for ask-sdk-model (lambda/bundle-aliases/ask-sdk-model.ts): ask-sdk-core builds its
 * ServiceClientFactory on every request, but the real 61 KB module is loaded only when a service client is
 * first asked for, so a turn that calls no Alexa API (a returning listener's launch) never evaluates it.
 * Checked in a fresh Node process, whose module cache shows exactly when the real module is loaded.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

it('builds the factory without loading the real module, and hands over to it on first use', async () => {
  const script = `
    const real = require.resolve('ask-sdk-model');
    const { services } = require('./lambda/bundle-aliases/ask-sdk-model.ts');
    const factory = new services.ServiceClientFactory({ apiClient: { invoke: () => Promise.reject(new Error('no calls')) }, apiEndpoint: 'http://127.0.0.1:1', authorizationValue: 't' });
    const afterConstruct = Boolean(require.cache[real]);
    const ups = factory.getUpsServiceClient();
    const reminders = factory.getReminderManagementServiceClient();
    process.stdout.write(JSON.stringify({ afterConstruct, afterUse: Boolean(require.cache[real]), ups: ups.constructor.name, reminders: reminders.constructor.name }));
  `;
  const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT });
  expect(JSON.parse(stdout)).toEqual({ afterConstruct: false, afterUse: true, ups: 'UpsServiceClient', reminders: 'ReminderManagementServiceClient' });
});
