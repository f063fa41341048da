/**
 * The bedtime stretch reminder, end to end against a local stand-in for Alexa's API on 127.0.0.1: the
 * skill reaches it over real HTTP through ask-sdk's DefaultApiClient at the envelope's apiEndpoint.
 */
import { DefaultApiClient } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { AlexaApiStandIn } from '../../simulation/alexa-api-stand-in';
import { REMINDERS_PERMISSION } from '../../lambda/alexa-apis';
import * as say from '../../lambda/content/reminders';
import { CUSTOM_INTENTS as C, REMINDER_TIME_SLOT } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { userKey } from '../../lambda/state/history';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation, permissionResponse, spoken, TEST_USER_ID, type EnvelopeOptions } from '../helpers/requests';

/** 2026-11-29 15:00 in New York (the stand-in's default zone): 20:00 UTC. */
const NOW = Date.parse('2026-11-29T20:00:00Z');
const REMINDERS = '/v1/alerts/reminders';

let api: AlexaApiStandIn;

beforeEach(async () => {
  api = await AlexaApiStandIn.start({ remindersGranted: true });
});

afterEach(async () => {
  await api.close();
});

function setup(options: { consent?: boolean; locale?: string } = {}) {
  const store = new MemoryHistoryStore();
  const log = new RecordingLog();
  const skill = buildSkill({ store, log, alexaApi: new DefaultApiClient(), now: () => NOW });
  const invoke = (envelope: RequestEnvelope) => skill.invoke(envelope);
  const envelopeOptions = (consent = options.consent ?? true): EnvelopeOptions => ({
    ...(options.locale ? { locale: options.locale } : {}),
    alexaApi: { endpoint: api.endpoint, accessToken: api.accessToken, ...(consent ? { consentToken: api.consentToken } : {}) },
  });
  const stored = async () => (await store.load(userKey(TEST_USER_ID))).history;
  return { store, log, invoke, envelopeOptions, stored, talk: (consent?: boolean) => new Conversation(invoke, envelopeOptions(consent)) };
}

const at = (value: string) => ({ [REMINDER_TIME_SLOT]: { value } });
const ssml = (response: ResponseEnvelope) => (response.response.outputSpeech as { ssml: string }).ssml;

describe('setting the bedtime stretch reminder', () => {
  it('creates a daily reminder at the time said, in the request locale and the device time zone, and keeps only its token', async () => {
    const { talk, stored } = setup({ locale: 'en-GB' });
    const c = talk();
    await c.launch();
    const reply = await c.say(C.setStretchReminder, at('22:00'));
    expectValidSpokenReply(reply);
    expect(spoken(reply)).toContain(say.reminderSet('ten p.m.'));

    const posts = api.callsTo(REMINDERS).filter((call) => call.method === 'POST');
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as {
      requestTime: string;
      trigger: { type: string; timeZoneId: string; recurrence: { startDateTime: string; recurrenceRules: string[] } };
      alertInfo: { spokenInfo: { content: { locale: string; text: string }[] } };
      pushNotification: { status: string };
    };
    expect(body.trigger.type).toBe('SCHEDULED_ABSOLUTE');
    expect(body.trigger.timeZoneId).toBe('America/New_York');
    expect(body.trigger.recurrence.recurrenceRules).toEqual(['FREQ=DAILY;BYHOUR=22;BYMINUTE=0;BYSECOND=0;INTERVAL=1']);
    // Local times in the device's zone: 15:00 in New York.
    expect(body.requestTime).toBe('2026-11-29T15:00:00.000');
    expect(body.trigger.recurrence.startDateTime).toBe('2026-11-29T15:00:00.000');
    expect(body.alertInfo.spokenInfo.content).toEqual([{ locale: 'en-GB', text: say.REMINDER_TEXT }]);
    expect(body.alertInfo.spokenInfo.content[0]!.text.length).toBeLessThanOrEqual(say.REMINDER_TEXT_MAX_CHARS);
    expect(body.pushNotification.status).toBe('ENABLED');

    const [alertToken] = [...api.reminders.keys()];
    const history = await stored();
    expect(history.reminder).toBe(alertToken);
  });

  it('turns minutes into a daily rule and says the time back', async () => {
    const { talk } = setup();
    const reply = await talk().say(C.setStretchReminder, at('21:05'));
    expect(spoken(reply)).toContain('nine oh five p.m.');
    const body = api.callsTo(REMINDERS)[0]!.body as { trigger: { recurrence: { recurrenceRules: string[] } } };
    expect(body.trigger.recurrence.recurrenceRules).toEqual(['FREQ=DAILY;BYHOUR=21;BYMINUTE=5;BYSECOND=0;INTERVAL=1']);
  });

  it('asks for a time when none was said, or only "in the evening", and sets it from the answer', async () => {
    const { talk } = setup();
    const c = talk();
    const question = await c.say(C.setStretchReminder);
    expectValidSpokenReply(question);
    expect(spoken(question)).toContain(say.REMINDER_WHEN_QUESTION);
    // Alexa hears the answer ("ten pm") as the time slot of the reminder intent.
    expect(question.response.directives).toEqual([
      expect.objectContaining({ type: 'Dialog.ElicitSlot', slotToElicit: REMINDER_TIME_SLOT, updatedIntent: expect.objectContaining({ name: C.setStretchReminder }) }),
    ]);
    const vague = await c.say(C.setStretchReminder, at('EV'));
    expect(spoken(vague)).toContain(say.REMINDER_EXACT_TIME);
    expect(api.callsTo(REMINDERS)).toEqual([]);
    const done = await c.say(C.setStretchReminder, at('21:30'));
    expect(spoken(done)).toContain('nine thirty p.m.');
    expect(api.reminders.size).toBe(1);
  });

  it('checks a time said without a.m. or p.m.: yes is the evening, no the morning', async () => {
    const { talk } = setup();
    const c = talk();
    const check = await c.say(C.setStretchReminder, at('10:00'));
    expectValidSpokenReply(check);
    expect(spoken(check)).toContain(say.eveningQuestion('ten p.m.'));
    expect(api.callsTo(REMINDERS)).toEqual([]);
    expect(spoken(await c.say('AMAZON.YesIntent'))).toContain(say.reminderSet('ten p.m.'));
    await c.say(C.setStretchReminder, at('09:15'));
    expect(spoken(await c.say('AMAZON.NoIntent'))).toContain(say.reminderMoved('nine fifteen a.m.'));
    const rules = api.callsTo(REMINDERS).filter((call) => call.method === 'POST').map((call) => (call.body as { trigger: { recurrence: { recurrenceRules: string[] } } }).trigger.recurrence.recurrenceRules[0]);
    expect(rules).toEqual(['FREQ=DAILY;BYHOUR=22;BYMINUTE=0;BYSECOND=0;INTERVAL=1', 'FREQ=DAILY;BYHOUR=9;BYMINUTE=15;BYSECOND=0;INTERVAL=1']);
  });

  it('replaces the earlier reminder when asked again at another time', async () => {
    const { talk, stored } = setup();
    const c = talk();
    await c.say(C.setStretchReminder, at('22:00'));
    const first = (await stored()).reminder;
    const moved = await c.say(C.setStretchReminder, at('21:00'));
    expect(spoken(moved)).toContain(say.reminderMoved('nine p.m.'));
    expect(api.calls.some((call) => call.method === 'DELETE' && call.path === `${REMINDERS}/${first}`)).toBe(true);
    expect([...api.reminders.keys()]).toEqual([(await stored()).reminder]);
  });
});

describe('the reminders permission', () => {
  it('without consent, asks for it by voice with the AskFor directive, carrying the time, and calls no reminders API', async () => {
    const { talk } = setup({ consent: false });
    const reply = await talk().say(C.setStretchReminder, at('22:00'));
    expect(spoken(reply)).toBe(say.REMINDER_PERMISSION_LEAD);
    expect(reply.response.directives).toEqual([
      {
        type: 'Connections.SendRequest',
        name: 'AskFor',
        payload: {
          '@type': 'AskForPermissionsConsentRequest',
          '@version': '2',
          permissionScopes: [{ permissionScope: REMINDERS_PERMISSION, consentLevel: 'ACCOUNT' }],
        },
        token: '22:00',
      },
    ]);
    expect(reply.response.reprompt).toBeUndefined();
    expect(api.callsTo(REMINDERS)).toEqual([]);
  });

  it('asks again by voice when the API answers 401 or 403 despite a consent token', async () => {
    for (const status of [401, 403]) {
      api.fault = { path: /^\/v1\/alerts\/reminders/, status };
      const { talk, stored } = setup();
      const reply = await talk().say(C.setStretchReminder, at('22:00'));
      expect(reply.response.directives?.[0]).toMatchObject({ type: 'Connections.SendRequest', name: 'AskFor', token: '22:00' });
      expect((await stored()).reminder).toBeUndefined();
    }
  });

  it('creates the reminder when the listener accepts', async () => {
    const { invoke, envelopeOptions, stored } = setup();
    const reply = await invoke(permissionResponse({ status: 'ACCEPTED', token: '22:00' }, envelopeOptions(true)));
    expectValidSpokenReply(reply);
    expect(spoken(reply)).toContain(say.reminderSet('ten p.m.'));
    expect(api.reminders.size).toBe(1);
    expect((await stored()).reminder).toBe([...api.reminders.keys()][0]);
  });

  it('answers clearly when the listener says no, and stores nothing', async () => {
    const { invoke, envelopeOptions, stored } = setup();
    const reply = await invoke(permissionResponse({ status: 'DENIED', token: '22:00' }, envelopeOptions(false)));
    expectValidSpokenReply(reply);
    expect(spoken(reply)).toContain(say.REMINDER_PERMISSION_DENIED);
    expect(api.callsTo(REMINDERS)).toEqual([]);
    expect((await stored()).reminder).toBeUndefined();
  });

  it('falls back to the consent card when the question went unanswered', async () => {
    const { invoke, envelopeOptions } = setup();
    const reply = await invoke(permissionResponse({ status: 'NOT_ANSWERED', token: '22:00' }, envelopeOptions(false)));
    expect(spoken(reply)).toBe(say.REMINDER_PERMISSION_CARD);
    expect(reply.response.card).toEqual({ type: 'AskForPermissionsConsent', permissions: [REMINDERS_PERMISSION] });
    expect(reply.response.shouldEndSession).toBe(true);
  });
});

describe('API failures', () => {
  it('an API 500 gets a spoken error and changes nothing stored', async () => {
    const { talk, stored } = setup();
    const c = talk();
    await c.say(C.setStretchReminder, at('22:00'));
    const before = await stored();
    api.fault = { path: /^\/v1\/alerts\/reminders/, status: 500 };
    const reply = await c.say(C.setStretchReminder, at('21:00'));
    expectValidSpokenReply(reply);
    expect(spoken(reply)).toContain(say.REMINDER_SET_FAILED);
    expect(await stored()).toEqual(before);
  });

  it('an API that does not answer in time gets a spoken error and nothing stored', async () => {
    const { talk, stored } = setup();
    api.fault = { path: /^\/v1\/alerts\/reminders/, delayMs: 10_000 };
    const started = Date.now();
    const reply = await talk().say(C.setStretchReminder, at('22:00'));
    expect(Date.now() - started).toBeLessThan(8000); // Alexa's own limit for a whole turn
    expect(spoken(reply)).toContain(say.REMINDER_SET_FAILED);
    expect((await stored()).reminder).toBeUndefined();
  });

  it('a failed cancel keeps the reminder and its token', async () => {
    const { talk, stored } = setup();
    const c = talk();
    await c.say(C.setStretchReminder, at('22:00'));
    const token = (await stored()).reminder;
    api.fault = { path: /^\/v1\/alerts\/reminders/, status: 503 };
    const reply = await c.say(C.cancelStretchReminder);
    expect(spoken(reply)).toContain(say.REMINDER_CANCEL_FAILED);
    expect((await stored()).reminder).toBe(token);
    expect(api.reminders.has(token!)).toBe(true);
  });
});

describe('cancelling and checking', () => {
  it('cancel sends DELETE for the stored token and forgets it', async () => {
    const { talk, stored } = setup();
    const c = talk();
    await c.say(C.setStretchReminder, at('22:00'));
    const token = (await stored()).reminder!;
    const reply = await c.say(C.cancelStretchReminder);
    expectValidSpokenReply(reply);
    expect(spoken(reply)).toContain(say.REMINDER_CANCELLED);
    expect(api.calls.at(-1)).toEqual({ method: 'DELETE', path: `${REMINDERS}/${token}` });
    expect(api.reminders.size).toBe(0);
    expect((await stored()).reminder).toBeUndefined();
  });

  it('"do I have a reminder" says when, from Alexa; and nothing when there is none', async () => {
    const { talk } = setup();
    const c = talk();
    const none = await c.say(C.checkStretchReminder);
    expect(spoken(none)).toContain(say.REMINDER_NONE);
    expect(api.callsTo(REMINDERS)).toEqual([{ method: 'GET', path: REMINDERS }]);
    await c.say(C.setStretchReminder, at('22:30'));
    const some = await c.say(C.checkStretchReminder);
    expectValidSpokenReply(some);
    expect(spoken(some)).toContain(say.reminderStatus('ten thirty p.m.'));
    expect(api.calls.at(-1)?.method).toBe('GET');
  });

  it('a reminder deleted in the Alexa app is reported gone, and its token forgotten', async () => {
    const { talk, stored } = setup();
    const c = talk();
    await c.say(C.setStretchReminder, at('22:00'));
    api.reminders.clear();
    expect(spoken(await c.say(C.checkStretchReminder))).toContain(say.REMINDER_NONE);
    expect((await stored()).reminder).toBeUndefined();
  });

  it('with nothing set, cancel says so and deletes nothing', async () => {
    const { talk } = setup();
    const reply = await talk().say(C.cancelStretchReminder);
    expect(spoken(reply)).toContain(say.REMINDER_NONE);
    expect(api.callsTo(REMINDERS).map((call) => call.method)).toEqual(['GET']);
  });

  it('without the permission and with nothing stored, says there is none without calling the API', async () => {
    const { talk } = setup({ consent: false });
    expect(spoken(await talk().say(C.checkStretchReminder))).toContain(say.REMINDER_NONE);
    expect(api.callsTo(REMINDERS)).toEqual([]);
  });

  it('after "forget my history", still finds the reminder Alexa keeps: check remembers it again, cancel deletes it', async () => {
    const { talk, stored } = setup();
    const c = talk();
    await c.say(C.setStretchReminder, at('22:00'));
    const token = (await stored()).reminder!;
    await c.say(C.forgetHistory);
    await c.say('AMAZON.YesIntent');
    expect((await stored()).reminder).toBeUndefined();

    const again = talk();
    expect(spoken(await again.say(C.checkStretchReminder))).toContain(say.reminderStatus('ten p.m.'));
    expect((await stored()).reminder).toBe(token);
    await again.say(C.forgetHistory);
    await again.say('AMAZON.YesIntent');
    expect(spoken(await talk().say(C.cancelStretchReminder))).toContain(say.REMINDER_CANCELLED);
    expect(api.calls.at(-1)).toEqual({ method: 'DELETE', path: `${REMINDERS}/${token}` });
    expect(api.reminders.size).toBe(0);
  });
});

describe('without access to Alexa APIs', () => {
  it('answers that reminders are unavailable', async () => {
    const skill = buildSkill({ store: new MemoryHistoryStore(), log: new RecordingLog() });
    const reply = await new Conversation((envelope) => skill.invoke(envelope)).say(C.setStretchReminder, at('22:00'));
    expectValidSpokenReply(reply);
    expect(spoken(reply)).toContain(say.REMINDERS_UNAVAILABLE);
  });
});

describe('spoken times', () => {
  it.each([
    [22, 0, 'ten p.m.'],
    [21, 30, 'nine thirty p.m.'],
    [7, 5, 'seven oh five a.m.'],
    [0, 0, 'midnight'],
    [12, 0, 'noon'],
    [12, 45, 'twelve forty five p.m.'],
    [0, 15, 'twelve fifteen a.m.'],
  ])('%i:%i is "%s"', (hour, minute, words) => {
    expect(say.spokenTime(hour, minute)).toBe(words);
  });

  it('keeps ssml well formed around "p.m."', async () => {
    const { talk } = setup();
    expect(ssml(await talk().say(C.setStretchReminder, at('22:00')))).toMatch(/^<speak>.*<\/speak>$/);
  });
});

describe('the skill manifest', () => {
  it('declares the reminders permission the skill asks for', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../../infra/skill-package/skill.json') as { manifest: { permissions?: { name: string }[] } };
    expect(manifest.manifest.permissions).toEqual([{ name: REMINDERS_PERMISSION }]);
  });
});
