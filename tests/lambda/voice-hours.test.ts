/**
 * The voice that follows the hour: the device's time zone from a local stand-in for Alexa's Settings API
 * (real HTTP through ask-sdk's DefaultApiClient), read once per listener and kept in history; the clock is
 * injected.
 */
import { DefaultApiClient } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { AlexaApiStandIn } from '../../simulation/alexa-api-stand-in';
import { isNightHour } from '../../lambda/local-time';
import { CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { encodeHistory } from '../../lambda/state/history-item';
import { userKey } from '../../lambda/state/history';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { TIME_ZONE_REFRESH_MS } from '../../lambda/time-zone';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import { Conversation } from '../helpers/requests';
import { TEST_USER_ID } from '../helpers/requests';

/** 02:00 and 14:00 in New York (EST, UTC-5) on 2026-11-29. */
const TWO_AM = Date.parse('2026-11-29T07:00:00Z');
const TWO_PM = Date.parse('2026-11-29T19:00:00Z');
const TIME_ZONE_PATH = /\/settings\/System\.timeZone$/;

let api: AlexaApiStandIn;

beforeEach(async () => {
  api = await AlexaApiStandIn.start({ timeZone: 'America/New_York' });
});

afterEach(async () => {
  await api.close();
});

function setup(start: number, options: { nightVoice?: { fromHour: number; untilHour: number } } = {}) {
  const clock = { now: start };
  const store = new MemoryHistoryStore();
  const log = new RecordingLog();
  const skill = buildSkill({ store, log, alexaApi: new DefaultApiClient(), now: () => clock.now, ...options });
  const invoke = async (envelope: RequestEnvelope) => {
    const response = await skill.invoke(envelope);
    expectValidSpokenReply(response);
    return response;
  };
  const talk = () => new Conversation(invoke, { alexaApi: { endpoint: api.endpoint, accessToken: api.accessToken } });
  return { clock, store, log, talk };
}

const ssml = (response: ResponseEnvelope) => (response.response.outputSpeech as { ssml: string }).ssml;
const NIGHT = '<prosody rate="90%" volume="soft">';
const WHISPER = '<amazon:effect name="whispered">';
const timeZoneCalls = () => api.calls.filter((call) => TIME_ZONE_PATH.test(call.path));

describe('the voice of the hour', () => {
  it('is soft and slow at 02:00 local time', async () => {
    const { talk } = setup(TWO_AM);
    const reply = await talk().launch();
    expect(ssml(reply)).toContain(NIGHT);
    expect((reply.response.reprompt?.outputSpeech as { ssml: string }).ssml).toContain(NIGHT);
  });

  it('is the normal voice at 14:00 local time', async () => {
    const { talk } = setup(TWO_PM);
    const reply = await talk().launch();
    expect(ssml(reply)).not.toContain('<prosody');
    expect(ssml(reply)).not.toContain('<amazon:effect');
  });

  it('follows the hours configured', async () => {
    const { talk } = setup(TWO_PM, { nightVoice: { fromHour: 13, untilHour: 15 } });
    expect(ssml(await talk().launch())).toContain(NIGHT);
  });

  it('whispers after "speak softer", by day too', async () => {
    const { talk } = setup(TWO_PM);
    const c = talk();
    await c.launch();
    const reply = await c.say(C.speakSofter);
    expect(ssml(reply)).toContain(WHISPER);
    expect(ssml(await c.say(C.prevention))).toContain(WHISPER);
  });

  it('is the night voice when the Settings API fails, with one call per session at most', async () => {
    api.fault = { path: TIME_ZONE_PATH, status: 500 };
    const { talk, log } = setup(TWO_PM);
    const c = talk();
    expect(ssml(await c.launch())).toContain(NIGHT);
    expect(ssml(await c.say(C.prevention))).toContain(NIGHT);
    expect(ssml(await c.say(C.tellMeMore))).toContain(NIGHT);
    expect(timeZoneCalls()).toHaveLength(1);
    expect(log.messages()).toContain('time_zone_unavailable');
    // The next session may try again.
    await talk().launch();
    expect(timeZoneCalls()).toHaveLength(2);
  });

  it('is the night voice when the Settings API takes longer than 300 ms', async () => {
    api.fault = { path: TIME_ZONE_PATH, delayMs: 2000 };
    const { talk } = setup(TWO_PM);
    const c = talk();
    const started = Date.now();
    const reply = await c.launch();
    const elapsed = Date.now() - started;
    expect(ssml(reply)).toContain(NIGHT);
    expect(elapsed).toBeLessThan(1500); // gave up at the 300 ms deadline, not at the stand-in's 2 s
    await c.say(C.prevention);
    expect(timeZoneCalls()).toHaveLength(1);
  });
});

describe('the time zone in history', () => {
  it('is read once per listener and kept: later sessions make no API call', async () => {
    const { talk, store, clock } = setup(TWO_AM);
    await talk().launch();
    expect(timeZoneCalls()).toHaveLength(1);
    const stored = await store.load(userKey(TEST_USER_ID));
    expect(stored.history.timeZone).toEqual({ zone: 'America/New_York', at: TWO_AM });
    expect(encodeHistory(stored.history).z).toEqual(['America/New_York', TWO_AM]);

    clock.now = TWO_PM;
    const day = await talk().launch();
    expect(ssml(day)).not.toContain('<prosody');
    expect(timeZoneCalls()).toHaveLength(1);
  });

  it('is refreshed after a week, at most once', async () => {
    const { talk, store, clock } = setup(TWO_AM);
    await talk().launch();
    clock.now = TWO_AM + TIME_ZONE_REFRESH_MS - 1;
    await talk().launch();
    expect(timeZoneCalls()).toHaveLength(1);
    api.timeZone = 'Europe/London';
    clock.now = TWO_AM + TIME_ZONE_REFRESH_MS;
    await talk().launch();
    expect(timeZoneCalls()).toHaveLength(2);
    expect((await store.load(userKey(TEST_USER_ID))).history.timeZone).toEqual({ zone: 'Europe/London', at: clock.now });
  });

  it('ignores what is not a time zone', async () => {
    api.timeZone = 'Not/AZone<script>';
    const { talk, store } = setup(TWO_PM);
    expect(ssml(await talk().launch())).toContain(NIGHT);
    expect((await store.load(userKey(TEST_USER_ID))).history.timeZone).toBeUndefined();
  });

  it('is never logged, nor the user id, whether it was read or refused', async () => {
    const { talk, log } = setup(TWO_PM);
    await talk().launch();
    api.timeZone = 'Invalid/Zone_Name';
    const refused = setup(TWO_PM);
    await refused.talk().launch();
    expect(refused.log.messages()).toContain('time_zone_unavailable');
    const logged = JSON.stringify([...log.lines, ...refused.log.lines]);
    for (const secret of ['New_York', 'Invalid/Zone_Name', TEST_USER_ID]) expect(logged).not.toContain(secret);
  });
});

describe('night hours', () => {
  it.each([
    [21, true],
    [23, true],
    [0, true],
    [6, true],
    [7, false],
    [14, false],
    [20, false],
  ])('%i:00 is night from 21 until 7: %p', (hour, night) => {
    expect(isNightHour(hour, { fromHour: 21, untilHour: 7 })).toBe(night);
  });

  it('also works for hours that do not cross midnight', () => {
    expect(isNightHour(2, { fromHour: 1, untilHour: 5 })).toBe(true);
    expect(isNightHour(5, { fromHour: 1, untilHour: 5 })).toBe(false);
  });
});
