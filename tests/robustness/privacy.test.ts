import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { Template } from 'aws-cdk-lib/assertions';
import * as prompts from '../../lambda/content/prompts';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { userKey } from '../../lambda/state/history';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { HISTORY_TABLE_ACTIONS } from '../../infra/skill-function';
import { LegCrampSkillStack } from '../../infra/stack';
import { buildBundle, startBundleHost, type BundleHost } from '../helpers/bundle-host';
import { startDynalite, type LocalDynamo } from '../helpers/dynalite';
import { OTHER_SKILL_ID } from '../helpers/envelope-arbitraries';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation, intentRequest, launchRequest, sessionEndedRequest, skillDisabledEvent, spoken, TEST_SKILL_ID, type Invoke } from '../helpers/requests';
import { TEST_SKILL_ID as STACK_SKILL_ID, testApp } from '../infra/helpers';

/**
 * Logs never carry raw Alexa user ids, what the listener said (slot values) or session attributes; only
 * this skill's requests are served when SKILL_ID is set; "forget my history" and SkillDisabled leave no
 * item behind; the function's IAM policy allows only what the store does, on the table only.
 */
const SECRET_USER = 'amzn1.ask.account.ZQXSECRETUSERIDZQX0123456789';
const SECRET_SAID = 'zqxmy neighbour Doris said quinine';
const SECRET_ATTRIBUTE = 'zqxattributevalue';

/** A night that touches every path that logs: loads, saves, failures, forget, session end, an error. */
async function revealingNight(invoke: Invoke): Promise<void> {
  const night = new Conversation(invoke, { userId: SECRET_USER });
  await night.launch();
  await night.say(C.causeDetail, { cause: { value: SECRET_SAID } });
  await night.say(C.causeDetail, { cause: { value: SECRET_SAID, id: 'MEDICATIONS' } });
  await night.say(C.forgetHistory);
  await night.say(B.yes);
  // Stale attributes from an older skill version, and junk alongside them.
  const stale = { state: { history: { recent: [{ topic: SECRET_ATTRIBUTE, at: 1 }], lastTopic: SECRET_ATTRIBUTE }, version: SECRET_ATTRIBUTE }, note: SECRET_ATTRIBUTE };
  await invoke(intentRequest(C.prevention, {}, { userId: SECRET_USER, newSession: false, attributes: stale }));
  await invoke(intentRequest('SomeNewerIntent', { cause: { value: SECRET_SAID } }, { userId: SECRET_USER, newSession: false, attributes: stale }));
  const broken = intentRequest(C.causeDetail, {}, { userId: SECRET_USER, newSession: false, attributes: stale });
  delete (broken.request as { intent?: unknown }).intent; // makes a handler throw: the error handler logs
  await invoke(broken);
  await invoke(sessionEndedRequest({ userId: SECRET_USER, attributes: stale }));
  await invoke(skillDisabledEvent({ userId: SECRET_USER }));
}

function expectNothingPrivate(logText: string): void {
  expect(logText).not.toContain(SECRET_USER);
  expect(logText).not.toContain('ZQXSECRETUSERID');
  expect(logText).not.toContain('amzn1.ask.account.');
  expect(logText).not.toMatch(/zqx/i);
  expect(logText).not.toContain('Doris');
}

describe('logs (buildSkill, RecordingLog)', () => {
  it('carry no user id, utterance or session attribute, even when every store call fails', async () => {
    const store = new MemoryHistoryStore();
    const log = new RecordingLog();
    const skill = buildSkill({ store, log });
    await revealingNight((envelope) => skill.invoke(envelope));
    for (const op of ['load', 'save', 'forget', 'load', 'save', 'save', 'forget'] as const) store.failNext(op);
    await revealingNight((envelope) => skill.invoke(envelope).catch(() => ({}) as ResponseEnvelope));
    expect(log.messages()).toEqual(expect.arrayContaining(['history_load_failed', 'history_save_failed', 'history_forget_failed', 'request_failed', 'session_ended']));
    expectNothingPrivate(JSON.stringify(log.lines));
  });
});

describe('the bundled handler', () => {
  let dyn: LocalDynamo;
  let table: string;
  let host: BundleHost;
  let refused: BundleHost;
  let removeBundle: () => void;

  const item = async (alexaUserId: string) =>
    (await dyn.rawClient.send(new GetItemCommand({ TableName: table, Key: { pk: { S: userKey(alexaUserId) } }, ConsistentRead: true }))).Item;

  const call = (h: BundleHost) => async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
    const outcome = await h.call(envelope);
    if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`);
    return outcome.response;
  };

  beforeAll(async () => {
    const [bundle, local] = await Promise.all([buildBundle(), startDynalite()]);
    removeBundle = bundle.remove;
    dyn = local;
    table = await dyn.createTable();
    const env = { AWS_REGION: 'us-east-1', HISTORY_TABLE_NAME: table, SKILL_ID: TEST_SKILL_ID };
    [host, refused] = await Promise.all([
      startBundleHost(bundle.file, { ...env, DYNAMODB_ENDPOINT: dyn.endpoint }),
      // Nothing listens on port 1: every table call fails fast and is logged.
      startBundleHost(bundle.file, { ...env, DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' }),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([host?.stop(), refused?.stop()]);
    await dyn?.stop();
    removeBundle?.();
  });

  it('logs (stdout and stderr) carry no user id, utterance or session attribute, table up or down', async () => {
    await revealingNight((envelope) => call(host)(envelope).catch(() => ({}) as ResponseEnvelope));
    await revealingNight((envelope) => call(refused)(envelope).catch(() => ({}) as ResponseEnvelope));
    const messages = refused.logLines().map((line) => line.message);
    expect(messages).toEqual(expect.arrayContaining(['history_load_failed', 'history_save_failed', 'history_forget_failed', 'request_failed']));
    expectNothingPrivate(host.output());
    expectNothingPrivate(refused.output());
  });

  it('rejects a request for another skill and serves this one (SKILL_ID set)', async () => {
    const other = await host.call(launchRequest({ skillId: OTHER_SKILL_ID }));
    expect(other.ok).toBe(false);
    const missing = launchRequest();
    delete (missing.context.System.application as { applicationId?: string }).applicationId;
    expect((await host.call(missing)).ok).toBe(false);
    const ours = await host.call(launchRequest());
    expect(ours.ok).toBe(true);
    if (ours.ok) expectValidSpokenReply(ours.response);
  });

  it('"forget my history" leaves no item behind', async () => {
    const userId = 'amzn1.ask.account.FORGETME';
    const night = new Conversation(call(host), { userId });
    await night.launch();
    await night.say(C.prevention);
    expect(await item(userId)).toBeDefined();
    await night.say(C.forgetHistory);
    const done = await night.say(B.yes);
    expect(spoken(done)).toContain(prompts.FORGET_DONE);
    expect(await item(userId)).toBeUndefined();
  });

  it('SkillDisabled with NOT_PERSISTED leaves no item behind (and PERSISTED keeps it)', async () => {
    const userId = 'amzn1.ask.account.DISABLEME';
    await new Conversation(call(host), { userId }).say(C.seeADoctor);
    expect(await item(userId)).toBeDefined();
    const kept = await call(host)(skillDisabledEvent({ userId, persisted: true }));
    expect(kept.response.outputSpeech).toBeUndefined();
    expect(await item(userId)).toBeDefined();
    const gone = await call(host)(skillDisabledEvent({ userId }));
    expect(gone.response.outputSpeech).toBeUndefined();
    expect(await item(userId)).toBeUndefined();
  });
});

describe('the synthesized IAM policy', () => {
  let template: Template;
  beforeAll(() => {
    // No asset bundling (esbuild already runs in tests/infra): the policy does not depend on the code asset.
    const app = testApp({ skillId: STACK_SKILL_ID, 'aws:cdk:bundling-stacks': [] });
    template = Template.fromStack(new LegCrampSkillStack(app, 'PrivacyStack', { skillId: STACK_SKILL_ID }));
  }, 120_000);

  type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
  const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

  it('allows exactly the item actions the store sends, on the history table only', () => {
    // What the store really sends: each `new XCommand(` in the DynamoDB store is dynamodb:XItem.
    const source = readFileSync(path.join(__dirname, '../../lambda/state/dynamo-history-store.ts'), 'utf8');
    const used = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map(([, name]) => `dynamodb:${name}Item`))].sort();
    expect([...HISTORY_TABLE_ACTIONS].sort()).toEqual(used);

    const tables = Object.keys({ ...template.findResources('AWS::DynamoDB::GlobalTable'), ...template.findResources('AWS::DynamoDB::Table') });
    expect(tables).toHaveLength(1);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
    );
    const dynamo = statements.filter((s) => asArray(s.Action).some((a) => a.toLowerCase().startsWith('dynamodb:') || a === '*'));
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0].Effect).toBe('Allow');
    expect([...asArray(dynamo[0].Action)].sort()).toEqual(used);
    // One resource: the table's own ARN (no index ARNs, no wildcards).
    expect(asArray(dynamo[0].Resource as unknown[])).toEqual([{ 'Fn::GetAtt': [tables[0], 'Arn'] }]);
  });
});
