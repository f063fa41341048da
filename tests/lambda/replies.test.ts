/**
 * The conversation's logic, without ask-sdk: each pure reply (lambda/replies.ts) from a session state built of
 * the real types. What is checked is what the listener gets: the topic or offer a reply carries, how it
 * changes their history, whether the session stays open, and the content's words. The relief routine's
 * replies are in replies-routine.test.ts.
 */
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { MAX_BREAK_SECONDS } from '../../lambda/content/ssml';
import { CAUSE_TOPIC_IDS, topic } from '../../lambda/content/topics';
import { CAUSE_IDS, TOPIC_IDS, type TopicId } from '../../lambda/content/types';
import * as replies from '../../lambda/replies';
import { ROUTINE_MODE_INTENTS, type Reply } from '../../lambda/replies';
import { setSofter } from '../../lambda/state/changes';
import { EMPTY_HISTORY } from '../../lambda/state/history';
import { isHealthConditionTopic } from '../../lambda/state/privacy';
import type { Offer } from '../../lambda/turn';
import {
  after,
  endsSession,
  expectReliefOffer,
  expectRoutineStep,
  expectTopicSummary,
  historyOf,
  IN_PREVENTION,
  LAST_STEP,
  midRoutine,
  MINUTE,
  NOW,
  OFFERS,
  said,
  stateOf,
} from './reply-expectations';

const ASKABLE = TOPIC_IDS.filter((id) => id !== 'RELIEF_ROUTINE');

describe('welcome', () => {
  it('greets a new listener and offers relief first, with no disclaimer and no change', () => {
    const reply = replies.welcome(EMPTY_HISTORY);
    expect(reply.speech).toEqual([prompts.WELCOME]);
    expectReliefOffer(reply);
    expect(reply.ask?.reprompt).not.toContain('continue where we left off');
    expect(reply.disclaimer).toBeFalsy();
    expect(reply.change).toBeUndefined();
  });

  it('welcomes back a listener who heard the disclaimer, or any topic', () => {
    expect(replies.welcome(historyOf([], { disclaimerHeard: true })).speech).toEqual([prompts.WELCOME_BACK]);
    expect(replies.welcome(historyOf([['AGE', NOW - MINUTE]])).speech).toEqual([prompts.WELCOME_BACK]);
  });

  it('does not invite "continue where we left off" when nothing is left to continue (only private topics were heard)', () => {
    const reply = replies.welcome(historyOf([], { disclaimerHeard: true }));
    expect(reply.ask?.reprompt).not.toContain('continue where we left off');
  });

  it('mentions picking up the last topic only in the reprompt, and only when there is one', () => {
    const reply = replies.welcome(IN_PREVENTION);
    expectReliefOffer(reply);
    expect(reply.ask?.reprompt).toContain('continue where we left off');
    expect(said(reply)).not.toContain(topic('PREVENTION').title);
  });
});

describe('topicSummary', () => {
  it.each(ASKABLE)('%s: its summary, an offer of more, and the topic recorded as heard now', (id) => {
    const reply = replies.topicSummary(id);
    expectTopicSummary(reply, id);
    expect(after(reply)).toMatchObject({ lastTopic: id, depth: 0, recent: [{ topic: id, at: NOW }] });
  });

  it('moves a topic heard before to the newest end, and leaves any routine step behind', () => {
    const history = historyOf([['CAUSES', 1], ['AGE', 2]], { lastTopic: 'RELIEF_ROUTINE', routineStep: 3 });
    const next = after(replies.topicSummary('CAUSES'), history);
    expect(next.recent).toEqual([{ topic: 'AGE', at: 2 }, { topic: 'CAUSES', at: NOW }]);
    expect(next.routineStep).toBeUndefined();
  });

  it('starts the routine for the relief routine topic', () => {
    expectRoutineStep(replies.topicSummary('RELIEF_ROUTINE'), 0);
  });
});

describe('tellMeMore', () => {
  it('with no topic yet, says so and offers relief', () => {
    const reply = replies.tellMeMore(EMPTY_HISTORY);
    expect(reply.speech).toEqual([prompts.NOTHING_TO_CONTINUE]);
    expectReliefOffer(reply);
    expect(reply.change).toBeUndefined();
  });

  it.each(TOPIC_IDS)('%s: every deeper part in order, then the related topic offered, then that topic itself', (id) => {
    let history = historyOf([[id, NOW - MINUTE]], { lastTopic: id, depth: 0 });
    const { deeper, related } = topic(id);
    deeper.forEach((part, i) => {
      const reply = replies.tellMeMore(history);
      expect(reply.speech).toEqual([part.text]);
      expect(reply.about).toEqual({ topic: id });
      expect(reply.disclaimer).toBe(true);
      if (i < deeper.length - 1) {
        expect(reply.offer).toEqual({ kind: 'more', topic: id });
        expect(reply.ask?.question).toBe(prompts.MORE_QUESTION);
      } else {
        expect(reply.offer).toEqual({ kind: 'topic', topic: related });
        expect(said(reply)).toContain(topic(related).title);
      }
      history = after(reply, history);
      expect(history).toMatchObject({ lastTopic: id, depth: i + 1 });
    });
    const past = replies.tellMeMore(history);
    expectTopicSummary(past, related);
    expect(after(past, history).lastTopic).toBe(related);
  });

  it('records the depth without touching the topics heard, and leaves the routine step behind', () => {
    const history = historyOf([['RELIEF_ROUTINE', 5]], { lastTopic: 'RELIEF_ROUTINE', depth: 0, routineStep: LAST_STEP });
    const next = after(replies.tellMeMore(history), history);
    expect(next.recent).toEqual(history.recent);
    expect(next).toMatchObject({ lastTopic: 'RELIEF_ROUTINE', depth: 1 });
    expect(next.routineStep).toBeUndefined();
  });
});

describe('causeDetail', () => {
  it.each(CAUSE_IDS)('a covered cause, %s, gets its summary', (cause) => {
    const reply = replies.causeDetail({ status: 'match', cause });
    expectTopicSummary(reply, cause);
    expect(after(reply).lastTopic).toBe(cause);
  });

  it('an uncovered cause is named as not covered, then every covered cause, and which one to hear', () => {
    const reply = replies.causeDetail({ status: 'noMatch', heard: 'gout' });
    const text = said(reply);
    expect(text.startsWith(prompts.notCovered('gout'))).toBe(true);
    expect(text).toContain('gout');
    for (const cause of CAUSE_TOPIC_IDS) expect(text).toContain(topic(cause).title);
    expect(text.endsWith(prompts.WHICH_CAUSE_QUESTION)).toBe(true);
    expect(reply.about).toEqual({ topic: 'CAUSES' });
    // Nothing was told, so nothing is recorded, and no yes is invited.
    expect(reply.change).toBeUndefined();
    expect(reply.offer).toBeUndefined();
  });

  it('no cause said: the causes overview, recorded so "tell me more" goes on into it, and which cause to hear', () => {
    const reply = replies.causeDetail({ status: 'empty' });
    expect(reply.speech).toEqual([topic('CAUSES').summary.text]);
    expect(reply.ask?.question).toBe(prompts.WHICH_CAUSE_QUESTION);
    expect(reply.disclaimer).toBe(true);
    expect(after(reply)).toMatchObject({ lastTopic: 'CAUSES', depth: 0 });
    expect(replies.tellMeMore(after(reply)).speech).toEqual([topic('CAUSES').deeper[0]!.text]);
  });
});

describe('next, previous, startOver, repeat, resume', () => {
  it('next: the topic offered, the routine offered, or the next part of the current topic', () => {
    expectTopicSummary(replies.next(stateOf(IN_PREVENTION, { offer: OFFERS.topic })), 'FOOTWEAR');
    expectRoutineStep(replies.next(stateOf(IN_PREVENTION, { offer: OFFERS.relief })), 0);
    expect(replies.next(stateOf(IN_PREVENTION, { offer: OFFERS.more })).speech).toEqual([topic('PREVENTION').deeper[1]!.text]);
    expect(replies.next(stateOf(EMPTY_HISTORY)).speech).toEqual([prompts.NOTHING_TO_CONTINUE]);
  });

  it('previous and repeat say the current part again, changing nothing', () => {
    for (const reply of [replies.previous(IN_PREVENTION), replies.repeat(IN_PREVENTION)]) {
      expect(reply.speech).toEqual([topic('PREVENTION').deeper[0]!.text]);
      expect(reply.offer).toEqual({ kind: 'more', topic: 'PREVENTION' });
      expect(reply.change).toBeUndefined();
    }
  });

  it('repeat at the summary says the summary again, changing nothing', () => {
    const reply = replies.repeat({ ...IN_PREVENTION, depth: 0 });
    expectTopicSummary(reply, 'PREVENTION');
    expect(reply.change).toBeUndefined();
  });

  it('repeat after the last part says it again, with its offer of the related topic', () => {
    const reply = replies.repeat({ ...IN_PREVENTION, depth: topic('PREVENTION').deeper.length });
    expect(reply.speech).toEqual([topic('PREVENTION').deeper.at(-1)!.text]);
    expect(reply.offer).toEqual({ kind: 'topic', topic: topic('PREVENTION').related });
    expect(reply.change).toBeUndefined();
  });

  it('repeat and start over with nothing heard yet: the welcome', () => {
    for (const reply of [replies.repeat(EMPTY_HISTORY), replies.startOver(EMPTY_HISTORY)]) {
      expect(reply.speech).toEqual([prompts.WELCOME]);
      expectReliefOffer(reply);
    }
  });

  it('start over: the current topic from its summary, recorded back at depth zero', () => {
    const reply = replies.startOver(IN_PREVENTION);
    expectTopicSummary(reply, 'PREVENTION');
    expect(after(reply, IN_PREVENTION).depth).toBe(0);
    expectRoutineStep(replies.startOver(midRoutine(3).history), 0);
  });

  it('resume: nothing to pick up says so, and offers relief', () => {
    const reply = replies.resume(EMPTY_HISTORY);
    expect(reply.speech).toEqual([prompts.NOTHING_TO_RESUME]);
    expectReliefOffer(reply);
  });

  it('resume: the next part of the last topic, recorded', () => {
    const reply = replies.resume(IN_PREVENTION);
    expect(reply.speech).toEqual([topic('PREVENTION').deeper[1]!.text]);
    expect(after(reply, IN_PREVENTION).depth).toBe(2);
  });

  it('resume: a topic heard to its end starts again from its summary', () => {
    expectTopicSummary(replies.resume({ ...IN_PREVENTION, depth: topic('PREVENTION').deeper.length }), 'PREVENTION');
  });

  it('resume: a routine from another night starts again from step one, as a new routine', () => {
    const reply = replies.resume(midRoutine(3).history);
    expectRoutineStep(reply, 0);
    expect(after(reply, midRoutine(3).history)).toMatchObject({ routineStep: 0, recent: [{ topic: 'RELIEF_ROUTINE', at: NOW }] });
  });
});

describe('yes and no', () => {
  it.each<[Offer['kind'], (reply: Reply) => void]>([
    ['more', (reply) => expect(reply.speech).toEqual([topic('PREVENTION').deeper[1]!.text])],
    ['topic', (reply) => expectTopicSummary(reply, 'FOOTWEAR')],
    ['relief', (reply) => expectRoutineStep(reply, 0)],
    // Only without a routine under way (routineModeReply answers these otherwise): the routine from the top.
    ['routineNext', (reply) => expectRoutineStep(reply, 0)],
    ['routineResume', (reply) => expectRoutineStep(reply, 0)],
    ['routineRepeat', (reply) => expectRoutineStep(reply, 0)],
  ])('yes to a %s offer takes it', (kind, expectTaken) => {
    expectTaken(replies.yes(stateOf(IN_PREVENTION, { offer: OFFERS[kind] })));
  });

  // Yes to the forget and evening questions has its own handler; here nothing is deleted or set.
  it.each<[string, Offer | undefined]>([
    ['nothing offered', undefined],
    ['the forget question', OFFERS.forget],
    ['the evening-or-morning question', OFFERS.reminderEvening],
  ])('yes to %s asks what it is for, changes nothing, and offers relief', (_to, offer) => {
    const reply = replies.yes(stateOf(IN_PREVENTION, offer ? { offer } : {}));
    expect(reply.speech).toEqual([prompts.YES_WITHOUT_OFFER]);
    expect(reply.change).toBeUndefined();
    expectReliefOffer(reply);
  });

  it('no to the forget question keeps the history, and says goodnight', () => {
    const reply = replies.no(stateOf(IN_PREVENTION, { offer: OFFERS.forget }));
    expect(reply.speech).toEqual([prompts.FORGET_KEPT]);
    expect(reply.change).toBeUndefined();
    expect(endsSession(reply)).toBe(true);
  });

  it('no to the forget question asked mid-routine keeps the history and the steps, with no goodbye', () => {
    const state = midRoutine(1, { offer: OFFERS.forget });
    const reply = replies.inContext(replies.no(state), state);
    expect(reply.speech).toEqual([prompts.FORGET_KEPT_MID_ROUTINE]);
    expect(reply.change).toBeUndefined();
    expect(endsSession(reply)).toBe(false);
    expect(reply.ask?.question).toBe(prompts.ROUTINE_ASIDE_QUESTION);
    expect(reply.offer).toEqual({ kind: 'routineResume' });
  });

  it('no to the relief offer keeps listening', () => {
    const reply = replies.no(stateOf(EMPTY_HISTORY, { offer: OFFERS.relief }));
    expect(said(reply)).toBe(`${prompts.RELIEF_DECLINED} ${prompts.WHAT_NEXT_QUESTION}`);
    expect(endsSession(reply)).toBe(false);
    expect(reply.offer).toBeUndefined();
  });

  it.each<Offer['kind'] | 'nothing'>(['more', 'topic', 'routineNext', 'routineResume', 'routineRepeat', 'reminderEvening', 'nothing'])(
    'no to %s says goodnight and ends the session',
    (kind) => {
      const reply = replies.no(stateOf(IN_PREVENTION, kind === 'nothing' ? {} : { offer: OFFERS[kind] }));
      expect(reply.speech).toEqual([prompts.GOODBYE]);
      expect(endsSession(reply)).toBe(true);
    },
  );
});

describe('wait', () => {
  it('outside the routine: a silence, then the offer of relief', () => {
    const reply = replies.wait();
    expect(reply.speech).toEqual([prompts.ROUTINE_WAIT, { pause: MAX_BREAK_SECONDS }]);
    expectReliefOffer(reply);
    expect(reply.routine).toBeUndefined();
  });
});

describe('recentTopics', () => {
  const recap = (...heard: TopicId[]) => replies.recentTopics(historyOf(heard.map((id, i) => [id, NOW - (heard.length - i) * MINUTE])));
  const offered = (reply: Reply) => (reply.offer?.kind === 'topic' ? reply.offer.topic : undefined);

  it('with nothing heard, says so and offers relief', () => {
    const reply = recap();
    expect(reply.speech).toEqual([prompts.RECENT_NONE]);
    expectReliefOffer(reply);
  });

  it('names the newest three, newest first, each once, and offers the next topic along not heard', () => {
    const reply = replies.recentTopics(historyOf([['FOOTWEAR', 1], ['AGE', 2], ['CAUSES', 3], ['AGE', 4], ['PREVENTION', 5]]));
    expect(reply.speech).toEqual(['Recently, you asked about preventing leg cramps, age, and the causes of leg cramps.']);
    expect(offered(reply)).toBe('TREATMENT');
    expect(said(reply)).toContain(topic('TREATMENT').title);
    expect(reply.change).toBeUndefined();
  });

  it('skips along the offers past every topic heard, not only those named', () => {
    expect(offered(recap('TREATMENT', 'DEHYDRATION', 'CAUSES', 'PREVENTION'))).toBe('MINERAL_DEFICIENCY');
  });

  it('names health topics heard in this session, but never offers one', () => {
    const reply = recap('FOOTWEAR', 'PREGNANCY', 'AGE');
    expect(said(reply)).toContain(topic('PREGNANCY').title);
    expect(offered(reply)).toBe('SEE_A_DOCTOR');
  });

  it.each(TOPIC_IDS)('after %s alone, offers a topic not heard and not about a health condition', (id) => {
    const next = offered(recap(id));
    expect(next).toBeDefined();
    expect(next).not.toBe(id);
    expect(isHealthConditionTopic(next!)).toBe(false);
  });

  it('finds the one everyday topic left, wherever it is along the offers', () => {
    const everyday = TOPIC_IDS.filter((id) => !isHealthConditionTopic(id) && id !== 'RELIEF_ROUTINE' && id !== 'WHAT_ARE_THEY');
    expect(offered(recap(...everyday.filter((id) => id !== 'SLEEP_POSITION')))).toBe('SLEEP_POSITION');
  });

  it('with every topic heard, offers prevention', () => {
    expect(offered(recap(...TOPIC_IDS))).toBe('PREVENTION');
  });
});

describe('history, voice, help and the rest', () => {
  it('confirmForget asks first, and only asks', () => {
    const reply = replies.confirmForget();
    expect(said(reply)).toBe(prompts.FORGET_QUESTION);
    expect(reply.offer).toEqual({ kind: 'forget' });
    expect(reply.change).toBeUndefined();
  });

  it('forgotten says whether the history went, and ends the session', () => {
    expect(replies.forgotten(true).speech).toEqual([prompts.FORGET_DONE]);
    expect(replies.forgotten(false).speech).toEqual([prompts.FORGET_FAILED]);
    expect(endsSession(replies.forgotten(true)) && endsSession(replies.forgotten(false))).toBe(true);
  });

  it.each([true, false])('voicePreference (softer: %s) says which voice, carries its change, and keeps listening', (softer) => {
    const reply = replies.voicePreference(softer, setSofter(softer));
    expect(reply.speech).toEqual([softer ? prompts.SOFTER_ON : prompts.SOFTER_OFF]);
    expect(after(reply, historyOf([], { prefs: { softer: !softer } })).prefs.softer).toBe(softer);
    expect(reply.ask?.question).toBe(prompts.WHAT_NEXT_QUESTION);
  });

  it('help explains, adds "tell me more" only when there is a topic to go deeper into, and offers relief', () => {
    expect(replies.help(EMPTY_HISTORY).speech).toEqual([prompts.HELP]);
    expect(replies.help(IN_PREVENTION).speech).toEqual([prompts.HELP, prompts.HELP_MORE]);
    expectReliefOffer(replies.help(IN_PREVENTION));
  });

  it('fallback offers relief; goodbye ends; apology keeps listening', () => {
    expect(replies.fallback().speech).toEqual([prompts.FALLBACK]);
    expectReliefOffer(replies.fallback());
    expect(replies.goodbye().speech).toEqual([prompts.GOODBYE]);
    expect(endsSession(replies.goodbye())).toBe(true);
    expect(replies.apology().speech).toEqual([prompts.ERROR_APOLOGY]);
    expect(replies.apology().ask?.question).toBe(prompts.WHAT_NEXT_QUESTION);
  });
});

describe('every reply', () => {
  const SAMPLES: readonly Reply[] = [
    replies.welcome(EMPTY_HISTORY),
    replies.welcome(IN_PREVENTION),
    ...ASKABLE.map((id) => replies.topicSummary(id)),
    replies.tellMeMore(IN_PREVENTION),
    replies.causeDetail({ status: 'noMatch', heard: 'gout' }),
    replies.causeDetail({ status: 'empty' }),
    ...ROUTINE_STEPS.map((_, i) => replies.routineStep({ step: i })),
    replies.crampPersists(midRoutine(LAST_STEP).history, NOW),
    ...ROUTINE_MODE_INTENTS.map((intent) => replies.routineModeReply(intent, midRoutine(1))!),
    replies.inContext(replies.help(IN_PREVENTION), midRoutine(1)),
    replies.recentTopics(IN_PREVENTION),
    replies.wait(),
    replies.confirmForget(),
    replies.no(stateOf(EMPTY_HISTORY, { offer: OFFERS.relief })),
    replies.goodbye(),
    replies.apology(),
  ];

  it('that keeps the session open ends on a question whose reprompt adds to it; one that ends it offers nothing', () => {
    for (const reply of SAMPLES) {
      if (reply.ask) {
        expect(reply.ask.question.endsWith('?')).toBe(true);
        expect(reply.ask.reprompt.endsWith('?')).toBe(true);
        expect(reply.ask.reprompt.length).toBeGreaterThan(reply.ask.question.length);
      } else {
        expect({ said: said(reply), offer: reply.offer }).toEqual({ said: said(reply), offer: undefined });
        expect([undefined, 'end']).toContain(reply.routine);
      }
    }
  });
});
