import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ResponseFactory, type HandlerInput } from 'ask-sdk-core';
import type { RequestEnvelope, Response } from 'ask-sdk-model';
import { CAUSE_IDS } from '../../lambda/content/types';
import { NAME_FREE_INTENTS } from '../../lambda/handlers/can-fulfill-handler';
import { createErrorHandler } from '../../lambda/handlers/error-handler';
import { BUILT_IN_INTENTS as B, CAUSE_SLOT, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import type { HistoryStore } from '../../lambda/state/history';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { RecordingLog } from '../helpers/recording-log';
import { canFulfillRequest, TEST_SKILL_ID } from '../helpers/requests';

/** A history store that counts every call: a CanFulfillIntentRequest must make none. */
function countingStore() {
  const inner = new MemoryHistoryStore();
  const calls: string[] = [];
  const store: HistoryStore = {
    load: (key) => (calls.push('load'), inner.load(key)),
    save: (key, change, base) => (calls.push('save'), inner.save(key, change, base)),
    forget: (key) => (calls.push('forget'), inner.forget(key)),
  };
  return { store, calls };
}

function setup(skillId?: string) {
  const { store, calls } = countingStore();
  const skill = buildSkill({ store, log: new RecordingLog(), ...(skillId ? { skillId } : {}) });
  return { calls, ask: (envelope: RequestEnvelope) => skill.invoke(envelope) };
}

const QUESTIONS = [C.whatAreLegCramps, C.causesOverview, C.prevention, C.treatment, C.seeADoctor, C.reliefRoutine];
const cause = (id?: string) => ({ [CAUSE_SLOT]: { value: id ? id.toLowerCase().replace(/_/g, ' ') : 'cycling', ...(id ? { id } : {}) } });

describe('CanFulfillIntentRequest (name-free: "Alexa, how do I stop a leg cramp?")', () => {
  it.each(QUESTIONS)('YES for %s, a question that stands alone', async (intent) => {
    const { ask } = setup();
    expect((await ask(canFulfillRequest(intent))).response.canFulfillIntent).toEqual({ canFulfill: 'YES' });
  });

  it.each(CAUSE_IDS)('YES for a cause that resolves (%s), and YES for its slot', async (id) => {
    const { ask } = setup();
    const answer = (await ask(canFulfillRequest(C.causeDetail, cause(id)))).response.canFulfillIntent;
    expect(answer).toEqual({ canFulfill: 'YES', slots: { [CAUSE_SLOT]: { canUnderstand: 'YES', canFulfill: 'YES' } } });
  });

  it('YES for the cause question without a cause (it lists the causes)', async () => {
    const { ask } = setup();
    expect((await ask(canFulfillRequest(C.causeDetail, { [CAUSE_SLOT]: undefined }))).response.canFulfillIntent).toEqual({ canFulfill: 'YES' });
  });

  it('MAYBE for a cause heard that does not resolve, with the slot understood at best partly and not fulfilled', async () => {
    const { ask } = setup();
    const answer = (await ask(canFulfillRequest(C.causeDetail, cause()))).response.canFulfillIntent;
    expect(answer).toEqual({ canFulfill: 'MAYBE', slots: { [CAUSE_SLOT]: { canUnderstand: 'MAYBE', canFulfill: 'NO' } } });
  });

  it.each([
    C.tellMeMore,
    C.recentTopics,
    C.forgetHistory,
    C.speakSofter,
    C.speakNormally,
    ...Object.values(B),
    'PlayMusicIntent',
    'AMAZON.SearchAction<object@WeatherForecast>',
  ])('NO for %s, which means nothing (or something else) without the skill open', async (intent) => {
    const { ask } = setup();
    expect((await ask(canFulfillRequest(intent))).response.canFulfillIntent).toEqual({ canFulfill: 'NO' });
  });

  it("NO for another skill's intent, with NO for each slot it heard", async () => {
    const { ask } = setup();
    const answer = (await ask(canFulfillRequest('OrderPizzaIntent', { size: { value: 'large' } }))).response.canFulfillIntent;
    expect(answer).toEqual({ canFulfill: 'NO', slots: { size: { canUnderstand: 'NO', canFulfill: 'NO' } } });
  });

  it('covers every question the skill answers on its own, and nothing session-bound', () => {
    expect(new Set(NAME_FREE_INTENTS)).toEqual(new Set([...QUESTIONS, C.causeDetail]));
  });

  it('never speaks, shows nothing, keeps no session, and never touches the history table', async () => {
    const { ask, calls } = setup();
    for (const envelope of [
      canFulfillRequest(C.reliefRoutine),
      canFulfillRequest(C.causeDetail, cause('DEHYDRATION'), { screen: 'RECTANGLE' }),
      canFulfillRequest(C.forgetHistory),
      canFulfillRequest(B.stop),
    ]) {
      const { response, sessionAttributes } = await ask(envelope);
      expect(Object.keys(response)).toEqual(['canFulfillIntent']);
      expect(sessionAttributes ?? {}).toEqual({});
    }
    expect(calls).toEqual([]);
  });

  it('answers without a user id or a session (Alexa may send neither)', async () => {
    const { ask, calls } = setup(TEST_SKILL_ID);
    const envelope = canFulfillRequest(C.prevention);
    delete (envelope.context.System as { user?: unknown }).user;
    expect((await ask(envelope)).response).toEqual({ canFulfillIntent: { canFulfill: 'YES' } });
    expect(calls).toEqual([]);
  });

  it('says nothing even when answering fails: the error handler answers NO, without an apology', () => {
    const input = { requestEnvelope: canFulfillRequest(C.prevention), responseBuilder: ResponseFactory.init() } as HandlerInput;
    const response = createErrorHandler(new RecordingLog()).handle(input, new Error('boom')) as Response;
    expect(response).toEqual({ canFulfillIntent: { canFulfill: 'NO' } });
  });

  it('is declared in the manifest', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'infra', 'skill-package', 'skill.json'), 'utf8')).manifest;
    expect(manifest.apis.custom.interfaces).toEqual(expect.arrayContaining([{ type: 'CAN_FULFILL_INTENT_REQUEST' }]));
  });
});
