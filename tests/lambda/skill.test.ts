import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { CAUSE_TOPIC_IDS, topic } from '../../lambda/content/topics';
import { CAUSE_IDS } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { buildSkill } from '../../lambda/skill';
import { userKey } from '../../lambda/state/history';
import { MemoryHistoryStore } from '../../lambda/state/memory-history-store';
import { RecordingLog } from '../helpers/recording-log';
import { expectValidSpokenReply } from '../helpers/reply-checks';
import {
  Conversation,
  intentRequest,
  launchRequest,
  reprompt,
  sessionEndedRequest,
  skillDisabledEvent,
  spoken,
  TEST_SKILL_ID,
  TEST_USER_ID,
} from '../helpers/requests';

function setup(options: { skillId?: string; store?: MemoryHistoryStore } = {}) {
  const store = options.store ?? new MemoryHistoryStore();
  const log = new RecordingLog();
  const skill = buildSkill({ store, log, ...(options.skillId ? { skillId: options.skillId } : {}) });
  const invoke = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
    const response = await skill.invoke(envelope);
    if (response.response.outputSpeech) expectValidSpokenReply(response);
    return response;
  };
  return { store, log, invoke, talk: () => new Conversation(invoke) };
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('launch', () => {
  it('greets a first-time listener without the disclaimer: help comes first, the disclaimer with the first answer', async () => {
    const { talk } = setup();
    const c = talk();
    const first = await c.launch();
    expect(spoken(first)).not.toContain(prompts.DISCLAIMER.text);
    expect(first.response.shouldEndSession).toBe(false);
    const answer = await c.say(C.prevention);
    expect(spoken(answer).indexOf(topic('PREVENTION').summary.text)).toBeLessThan(spoken(answer).indexOf(prompts.DISCLAIMER.text));
    const later = talk();
    await later.launch();
    expect(spoken(await later.say(C.prevention))).not.toContain(prompts.DISCLAIMER.text);
  });

  it('greets a returning listener with the relief offer first; picking up the last topic is a request', async () => {
    const { talk } = setup();
    const night1 = talk();
    await night1.launch();
    await night1.say(C.prevention);
    const night2 = talk();
    const hello = await night2.launch();
    expect(spoken(hello)).toContain(prompts.WELCOME_BACK);
    expect(spoken(hello).endsWith(prompts.RELIEF_OFFER_QUESTION)).toBe(true);
    expect(reprompt(hello)).toContain('continue where we left off');
    const more = await night2.say(B.resume);
    expect(spoken(more)).toContain(topic('PREVENTION').deeper[0].text);
  });

  it('offers the relief routine, and a yes starts it', async () => {
    const { talk } = setup();
    const c = talk();
    const hello = await c.launch();
    expect(spoken(hello).endsWith(prompts.RELIEF_OFFER_QUESTION)).toBe(true);
    expect(spoken(await c.say(B.yes))).toContain(ROUTINE_STEPS[0].instruction.text);
  });

  it('keeps listening after "no" to the launch offer', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(B.no);
    expect(reply.response.shouldEndSession).toBe(false);
    expect(spoken(reply)).toBe(`${prompts.RELIEF_DECLINED} ${prompts.WHAT_NEXT_QUESTION}`);
    expect(spoken(await c.say(C.causesOverview))).toContain(topic('CAUSES').summary.text);
  });

  it('carries a simple card with the same words', async () => {
    const { talk } = setup();
    const reply = await talk().launch();
    expect(reply.response.card).toEqual({ type: 'Simple', title: prompts.SKILL_NAME, content: spoken(reply) });
  });
});

describe('questions answered with the summary first', () => {
  const cases: [string, Parameters<typeof topic>[0]][] = [
    [C.whatAreLegCramps, 'WHAT_ARE_THEY'],
    [C.causesOverview, 'CAUSES'],
    [C.prevention, 'PREVENTION'],
    [C.treatment, 'TREATMENT'],
    [C.seeADoctor, 'SEE_A_DOCTOR'],
  ];
  it.each(cases)('%s speaks the summary of %s and offers more', async (intent, id) => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(intent);
    // A first-time listener: the disclaimer follows the answer, before the question.
    expect(spoken(reply)).toBe(`${topic(id).summary.text} ${prompts.DISCLAIMER.text} ${prompts.MORE_QUESTION}`);
    expect(reprompt(reply)).toBe(prompts.moreReprompt(id));
    expect(words(topic(id).summary.text)).toBeLessThanOrEqual(35);
  });

  it.each(CAUSE_IDS)('a cause slot resolved to %s gets that cause', async (cause) => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(C.causeDetail, { cause: { value: 'something', id: cause } });
    expect(spoken(reply)).toContain(topic(cause).summary.text);
  });

  it('a cause the article does not cover is named as not covered, then the covered causes are offered', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(C.causeDetail, { cause: { value: 'gout' } });
    const said = spoken(reply);
    expect(said).toContain(prompts.notCovered('gout'));
    expect(said).toContain(prompts.coveredCauses(CAUSE_TOPIC_IDS));
    expect(said).not.toContain(topic('CAUSES').summary.text);
    expect(said.endsWith(prompts.WHICH_CAUSE_QUESTION)).toBe(true);
  });

  it('the words heard for an uncovered cause are said back without markup and capped', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(C.causeDetail, { cause: { value: 'purple <b>elephants</b> & "dancing" giraffes of the very long night' } });
    const said = spoken(reply);
    expect(said).toContain(prompts.notCovered('purple elephants dancing giraffes of'));
    expect(JSON.stringify(reply.response)).not.toMatch(/<b>|&amp;|&quot;|night/);
  });

  it('an empty cause slot asks which cause', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(C.causeDetail, { cause: undefined });
    expect(spoken(reply)).toContain(topic('CAUSES').summary.text);
    expect(spoken(reply).endsWith(prompts.WHICH_CAUSE_QUESTION)).toBe(true);
  });
});

describe('tell me more', () => {
  it('goes one part deeper each time, then offers the related topic', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.causeDetail, { cause: { value: 'water pills', id: 'MEDICATIONS' } });
    const medications = topic('MEDICATIONS');
    let reply: ResponseEnvelope | undefined;
    for (const part of medications.deeper) {
      reply = await c.say(C.tellMeMore);
      expect(spoken(reply)).toContain(part.text);
    }
    expect(spoken(reply!).endsWith(prompts.offerTopicQuestion(medications.related))).toBe(true);
    const related = await c.say(B.yes);
    expect(spoken(related)).toContain(topic(medications.related).summary.text);
  });

  it('past the end takes the related topic it offered', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.seeADoctor);
    for (let i = 0; i < topic('SEE_A_DOCTOR').deeper.length; i++) await c.say(C.tellMeMore);
    const reply = await c.say(C.tellMeMore);
    expect(spoken(reply)).toContain(topic(topic('SEE_A_DOCTOR').related).summary.text);
  });

  it('with nothing asked yet asks what to talk about', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(C.tellMeMore);
    expect(spoken(reply)).toContain(prompts.NOTHING_TO_CONTINUE);
  });

  it('continues across sessions', async () => {
    const { talk } = setup();
    const night1 = talk();
    await night1.launch();
    await night1.say(C.whatAreLegCramps);
    await night1.say(B.stop);
    const night2 = talk();
    await night2.launch();
    const reply = await night2.say(C.tellMeMore);
    expect(spoken(reply)).toContain(topic('WHAT_ARE_THEY').deeper[0].text);
  });
});

describe('the quick relief routine', () => {
  it('answers a one-shot request directly with step one and a timed pause', async () => {
    const { talk } = setup();
    const reply = await talk().say(C.reliefRoutine);
    expect(spoken(reply)).toContain(ROUTINE_STEPS[0].instruction.text);
    expect(reply.response.shouldEndSession).toBe(false);
    const ssml = (reply.response.outputSpeech as { ssml: string }).ssml;
    expect(ssml).toContain('<break time="10s"/>');
  });

  it('moves with next, previous, repeat and start over, and ends with when to see a provider', async () => {
    const { talk, store } = setup();
    const c = talk();
    await c.say(C.reliefRoutine);
    expect(spoken(await c.say(B.next))).toContain(ROUTINE_STEPS[1].instruction.text);
    expect(spoken(await c.say(B.repeat))).toContain(ROUTINE_STEPS[1].instruction.text);
    expect(spoken(await c.say(B.previous))).toContain(ROUTINE_STEPS[0].instruction.text);
    expect(spoken(await c.say(B.yes))).toContain(ROUTINE_STEPS[1].instruction.text);
    expect(spoken(await c.say(B.startOver))).toContain(ROUTINE_STEPS[0].instruction.text);
    let reply: ResponseEnvelope | undefined;
    for (let i = 1; i < ROUTINE_STEPS.length; i++) reply = await c.say(B.next);
    expect(spoken(reply!)).toContain(ROUTINE_STEPS[ROUTINE_STEPS.length - 1].instruction.text);
    expect(spoken(reply!)).toMatch(/healthcare provider/);
    expect(reply!.response.shouldEndSession).toBe(true);
    expect(store.snapshot(userKey(TEST_USER_ID))?.history.routineStep).toBe(ROUTINE_STEPS.length - 1);
  });

  it('is spoken softly, and whispered after "speak softer"', async () => {
    const { talk } = setup();
    const c = talk();
    const soft = await c.say(C.reliefRoutine);
    expect((soft.response.outputSpeech as { ssml: string }).ssml).toContain('volume="soft"');
    await c.say(C.speakSofter);
    const whispered = await c.say(B.repeat);
    expect((whispered.response.outputSpeech as { ssml: string }).ssml).toContain('<amazon:effect name="whispered">');
    await c.say(C.speakNormally);
    const normal = await c.say(B.repeat);
    expect((normal.response.outputSpeech as { ssml: string }).ssml).not.toContain('whispered');
  });
});

describe('yes and no', () => {
  it('no ends the session kindly', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    const reply = await c.say(B.no);
    expect(spoken(reply)).toBe(prompts.GOODBYE);
    expect(reply.response.shouldEndSession).toBe(true);
  });

  it('yes with nothing offered says so, and offers help with a cramp', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.speakSofter);
    const reply = await c.say(B.yes);
    expect(spoken(reply)).toBe(`${prompts.YES_WITHOUT_OFFER} ${prompts.RELIEF_OFFER_QUESTION}`);
    expect(spoken(await c.say(B.yes))).toContain(ROUTINE_STEPS[0].instruction.text);
  });
});

describe('history by voice', () => {
  it('lists recent topics, newest first', async () => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    await c.say(C.causeDetail, { cause: { value: 'high heels', id: 'FOOTWEAR' } });
    const reply = await c.say(C.recentTopics);
    expect(spoken(reply)).toContain(prompts.recentList(['FOOTWEAR', 'PREVENTION']));
  });

  it('forgets on request after confirmation', async () => {
    const { talk, store } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeDefined();
    const ask = await c.say(C.forgetHistory);
    expect(spoken(ask)).toBe(prompts.FORGET_QUESTION);
    const done = await c.say(B.yes);
    expect(spoken(done)).toBe(prompts.FORGET_DONE);
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeUndefined();
  });

  it('keeps history when the listener says no to forgetting', async () => {
    const { talk, store } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    await c.say(C.forgetHistory);
    expect(spoken(await c.say(B.no))).toBe(prompts.FORGET_KEPT);
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeDefined();
  });

  it('does not claim to have forgotten when the delete fails', async () => {
    const { talk, store } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    await c.say(C.forgetHistory);
    store.failNext('forget');
    expect(spoken(await c.say(B.yes))).toBe(prompts.FORGET_FAILED);
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeDefined();
  });

  it('deletes the item when the skill is disabled and Alexa did not keep the data', async () => {
    const { talk, store, invoke } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    await invoke(skillDisabledEvent({ persisted: true }));
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeDefined();
    const reply = await invoke(skillDisabledEvent());
    expect(reply.response.outputSpeech).toBeUndefined();
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeUndefined();
  });

  it('fails the invocation when the delete on SkillDisabled fails, so Alexa delivers the event again', async () => {
    const { talk, store, invoke, log } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    store.failNext('forget');
    await expect(invoke(skillDisabledEvent())).rejects.toThrow(/forget failed/);
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeDefined();
    expect(log.messages()).toContain('history_forget_on_disable_failed');
    expect(log.messages()).not.toContain('request_failed');
    // The redelivery succeeds and deletes the item.
    await invoke(skillDisabledEvent());
    expect(store.snapshot(userKey(TEST_USER_ID))).toBeUndefined();
  });

  it('stores no raw user id', async () => {
    const { talk, store } = setup();
    const c = talk();
    await c.launch();
    await c.say(C.prevention);
    expect(JSON.stringify([...store.table.entries()])).not.toContain(TEST_USER_ID);
  });
});

describe('storage cost', () => {
  it('reads once per session and writes only on turns that change history', async () => {
    const { talk, store } = setup();
    const c = talk();
    await c.launch(); // read
    await c.say(C.causesOverview); // write (the topic, and the disclaimer heard)
    await c.say(B.help); // none
    await c.say(B.repeat); // none
    await c.say(B.stop); // none
    expect(store.ops).toEqual(expect.objectContaining({ gets: 1, puts: 1 }));
  });

  it('still answers when the table cannot be read or written, and logs it', async () => {
    const { talk, store, log } = setup();
    store.failNext('load');
    store.failNext('save');
    const c = talk();
    const hello = await c.launch();
    expect(spoken(hello)).toContain(prompts.WELCOME);
    const reply = await c.say(C.prevention);
    expect(spoken(reply)).toContain(topic('PREVENTION').summary.text);
    expect(log.messages()).toEqual(expect.arrayContaining(['history_load_failed', 'history_save_failed']));
    expect(JSON.stringify(log.lines)).not.toContain(TEST_USER_ID);
  });
});

describe('built-ins', () => {
  it('help explains and asks', async () => {
    const { talk } = setup();
    const reply = await talk().say(B.help);
    expect(spoken(reply)).toContain(prompts.HELP);
    expect(reply.response.shouldEndSession).toBe(false);
  });

  it.each([B.stop, B.cancel, B.navigateHome])('%s says goodnight and ends', async (intent) => {
    const { talk } = setup();
    const c = talk();
    await c.launch();
    const reply = await c.say(intent);
    expect(spoken(reply)).toBe(prompts.GOODBYE);
    expect(reply.response.shouldEndSession).toBe(true);
  });

  it('fallback steers back', async () => {
    const { talk } = setup();
    const reply = await talk().say(B.fallback);
    expect(spoken(reply)).toContain(prompts.FALLBACK);
  });

  it('an intent from a newer model gets the fallback, not an error', async () => {
    const { talk } = setup();
    const reply = await talk().say('SomeFutureIntent');
    expect(spoken(reply)).toContain(prompts.FALLBACK);
  });

  it('SessionEndedRequest gets an empty response and a log line', async () => {
    const { invoke, log } = setup();
    const reply = await invoke(sessionEndedRequest());
    expect(reply.response.outputSpeech).toBeUndefined();
    expect(log.lines).toContainEqual(expect.objectContaining({ message: 'session_ended', fields: expect.objectContaining({ reason: 'USER_INITIATED' }) }));
  });
});

describe('errors and skill id', () => {
  it('apologises and reprompts when a handler fails, logging one structured line', async () => {
    const { invoke, log } = setup();
    const broken = intentRequest(C.prevention, {}, { newSession: false, attributes: {} });
    jest.spyOn(prompts, 'moreReprompt').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const reply = await invoke(broken);
    expect(spoken(reply)).toContain(prompts.ERROR_APOLOGY);
    expect(reply.response.shouldEndSession).toBe(false);
    expect(log.lines.filter((l) => l.message === 'request_failed')).toHaveLength(1);
  });

  it('answers a failed SessionEndedRequest silently (only spoken requests get the apology)', async () => {
    const { invoke, log } = setup();
    jest.spyOn(log, 'info').mockImplementationOnce(() => {
      throw new Error('boom');
    });
    const reply = await invoke(sessionEndedRequest());
    expect(reply.response.outputSpeech).toBeUndefined();
    expect(reply.response.reprompt).toBeUndefined();
    expect(log.messages()).toContain('request_failed');
  });

  it('rejects requests for another skill when SKILL_ID is set', async () => {
    const { invoke } = setup({ skillId: TEST_SKILL_ID });
    await expect(invoke(launchRequest({ skillId: 'amzn1.ask.skill.11111111-1111-1111-1111-111111111111' }))).rejects.toThrow();
    await expect(invoke(launchRequest())).resolves.toBeDefined();
  });
});

describe('locales', () => {
  it.each(['en-US', 'en-GB', 'en-AU', 'en-CA', 'en-IN'])('answers in %s', async (locale) => {
    const { invoke } = setup();
    const reply = await invoke(intentRequest(C.reliefRoutine, {}, { locale, newSession: true }));
    expect(spoken(reply)).toContain(ROUTINE_STEPS[0].instruction.text);
  });
});
