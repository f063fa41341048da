/**
 * The relief routine's replies (lambda/replies.ts), without ask-sdk: starting it, each step, what the
 * listener's words mean while it is under way (routineModeReply), an answer given mid-routine (inContext), and
 * "it still hurts" after it. Checked by the step spoken, the routine mode and offer carried, the history
 * change, whether the session stays open, and the content's words.
 */
import * as prompts from '../../lambda/content/prompts';
import { PERSISTING_ADVICE, ROUTINE_STEPS } from '../../lambda/content/routine';
import { MAX_BREAK_SECONDS } from '../../lambda/content/ssml';
import { MUSCLE_IDS, type TopicId } from '../../lambda/content/types';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { askEvening, askTime } from '../../lambda/reminder-replies';
import * as replies from '../../lambda/replies';
import { ROUTINE_JUST_DONE_MS, ROUTINE_MODE_INTENTS, type Reply, type RoutineAction } from '../../lambda/replies';
import {
  after,
  endsSession,
  expectRoutineStep,
  historyOf,
  IN_PREVENTION,
  LAST_STEP,
  midRoutine,
  MINUTE,
  NOW,
  OFFERS,
  ORDINALS,
  said,
  stateOf,
} from './reply-expectations';

describe('startRoutine and routineStep', () => {
  it('starts at step one, in the general words, with pauses to hold the stretch; the routine recorded as begun now', () => {
    const reply = replies.startRoutine();
    expectRoutineStep(reply, 0);
    expect(reply.speech).toContainEqual({ pause: MAX_BREAK_SECONDS });
    expect(after(reply, IN_PREVENTION)).toMatchObject({ lastTopic: 'RELIEF_ROUTINE', routineStep: 0 });
    expect(after(reply, IN_PREVENTION).recent.at(-1)).toEqual({ topic: 'RELIEF_ROUTINE', at: NOW });
  });

  it.each(MUSCLE_IDS)('fits step one to the %s, kept in the session only, never in history', (muscle) => {
    const reply = replies.startRoutine(muscle);
    expectRoutineStep(reply, 0, muscle);
    expect(JSON.stringify(after(reply))).not.toContain(muscle);
  });

  it.each(ROUTINE_STEPS.map((_, i) => i))('step index %i is that step, and is recorded', (i) => {
    const reply = replies.routineStep({ step: i });
    expectRoutineStep(reply, i);
    expect(after(reply, midRoutine(0).history).routineStep).toBe(i);
  });

  it('keeps the muscle through later steps, and fits only step one to it', () => {
    expectRoutineStep(replies.routineStep({ step: 2, muscle: 'FOOT' }), 2, 'FOOT');
  });

  it('stays within the routine: before step one is step one, past the last is the last', () => {
    const before = replies.routineStep({ step: -1 });
    expectRoutineStep(before, 0);
    expect(after(before).routineStep).toBe(0);
    expectRoutineStep(replies.routineStep({ step: LAST_STEP + 3 }), LAST_STEP);
  });

  it('re-speaks without a change when told to, with its lead first', () => {
    const reply = replies.routineStep({ step: 1 }, null, [prompts.ROUTINE_BACK]);
    expectRoutineStep(reply, 1);
    expect(reply.speech[0]).toBe(prompts.ROUTINE_BACK);
    expect(reply.change).toBeUndefined();
  });
});

describe('crampPersists', () => {
  /** The routine was begun `ago` ms before now, and finished. */
  const routineBegan = (ago: number) =>
    historyOf([['AGE', NOW - 3 * 60 * MINUTE], ['RELIEF_ROUTINE', NOW - ago]], { lastTopic: 'RELIEF_ROUTINE', routineStep: LAST_STEP });
  const expectAnswered = (reply: Reply) => {
    expect(reply.speech[0]).toBe(prompts.PERSISTING_ACK);
    for (const passage of PERSISTING_ADVICE) expect(said(reply)).toContain(passage.text);
    expect(reply.ask?.question).toBe(prompts.STRETCH_AGAIN_QUESTION);
    // A yes goes through the stretch again; the finished routine is not resumed, nor history changed.
    expect(reply.offer).toEqual({ kind: 'relief' });
    expect(reply.routine).toBeUndefined();
    expect(reply.change).toBeUndefined();
  };

  it('just after the routine: acknowledged, the advice for a cramp that persists, and an offer to stretch again', () => {
    const reply = replies.crampPersists(routineBegan(5 * MINUTE), NOW);
    expectAnswered(reply);
    expect(said(reply)).not.toContain(ROUTINE_STEPS[0]!.instruction.text);
  });

  it('is answered up to ROUTINE_JUST_DONE_MS after the routine began, and restarts it a moment later', () => {
    expectAnswered(replies.crampPersists(routineBegan(ROUTINE_JUST_DONE_MS), NOW));
    expectRoutineStep(replies.crampPersists(routineBegan(ROUTINE_JUST_DONE_MS + 1), NOW), 0);
  });

  it.each([
    ['long after the routine', routineBegan(3 * 60 * MINUTE)],
    ['with another topic heard since the routine', { ...routineBegan(5 * MINUTE), lastTopic: 'CAUSES' as TopicId }],
    ['with no routine ever', IN_PREVENTION],
    ['with a routine stamped later than now (a clock off)', routineBegan(-MINUTE)],
  ])('%s, is a plea for relief: the routine starts', (_when, history) => {
    const reply = replies.crampPersists(history, NOW);
    expectRoutineStep(reply, 0);
    expect(said(reply)).not.toContain(prompts.PERSISTING_ACK);
    expect(after(reply, history).recent.at(-1)).toEqual({ topic: 'RELIEF_ROUTINE', at: NOW });
  });
});

describe('routineModeReply', () => {
  /** What each intent means at step two, after "Ready to go on?" (the routine's documented vocabulary). */
  const MEANING: Readonly<Record<string, RoutineAction>> = {
    [B.yes]: 'advance',
    [B.next]: 'advance',
    [C.tellMeMore]: 'advance',
    [B.resume]: 'advance',
    [B.no]: 'wait',
    [B.pause]: 'wait',
    [B.fallback]: 'wait',
    [B.repeat]: 'repeat',
    [B.previous]: 'previous',
    [B.startOver]: 'restart',
    [C.reliefRoutine]: 'restart',
    [C.crampPersists]: 'persisting',
    [B.stop]: 'stop',
    [B.cancel]: 'stop',
    [B.navigateHome]: 'stop',
  };
  const AT_STEP_TWO = midRoutine(1);
  const expectWaiting = (reply: Reply, step: number) => {
    expect(reply.speech).toEqual([prompts.ROUTINE_WAIT, { pause: MAX_BREAK_SECONDS }]);
    expect(reply.ask?.question).toContain(`step ${ORDINALS[step + 1]}`);
    expect(reply.offer).toEqual({ kind: 'routineNext' });
    expect(reply.about).toEqual({ step });
  };
  const EXPECTED: Readonly<Record<Exclude<RoutineAction, 'back'>, (reply: Reply) => void>> = {
    advance: (reply) => {
      expectRoutineStep(reply, 2);
      expect(after(reply, AT_STEP_TWO.history).routineStep).toBe(2);
    },
    wait: (reply) => {
      expectWaiting(reply, 1);
      expect(reply.routine).toEqual({ step: 1 });
      expect(reply.change).toBeUndefined();
    },
    repeat: (reply) => {
      expectRoutineStep(reply, 1);
      expect(reply.speech[0]).not.toBe(prompts.ROUTINE_BACK);
      expect(reply.change).toBeUndefined();
    },
    previous: (reply) => {
      expectRoutineStep(reply, 0);
      expect(after(reply, AT_STEP_TWO.history).routineStep).toBe(0);
    },
    restart: (reply) => {
      expectRoutineStep(reply, 0);
      expect(after(reply, AT_STEP_TWO.history).recent).toEqual([{ topic: 'RELIEF_ROUTINE', at: NOW }]);
    },
    persisting: (reply) => {
      expect(reply.speech[0]).toBe(prompts.PERSISTING_ACK);
      for (const passage of PERSISTING_ADVICE) expect(said(reply)).toContain(passage.text);
      for (const step of ROUTINE_STEPS) expect(said(reply)).not.toContain(step.instruction.text);
      expect(reply.ask?.question).toBe('Shall I repeat step two?');
      expect(reply.offer).toEqual({ kind: 'routineRepeat' });
      expect(reply.routine).toEqual({ step: 1 });
    },
    stop: (reply) => {
      expect(reply.speech).toEqual([prompts.ROUTINE_STOPPED]);
      expect(reply.routine).toBe('end');
      expect(endsSession(reply)).toBe(true);
    },
  };

  it('answers exactly the intents it declares', () => {
    expect(Object.keys(MEANING).sort()).toEqual([...ROUTINE_MODE_INTENTS].sort());
  });

  it.each(Object.entries(MEANING))('at step two, %s means %s', (intent, action) => {
    const reply = replies.routineModeReply(intent, AT_STEP_TWO);
    expect(reply).toBeDefined();
    EXPECTED[action as keyof typeof EXPECTED](reply!);
  });

  it('leaves questions, and everything when no routine is under way, to the other replies', () => {
    expect(replies.routineModeReply(C.causesOverview, AT_STEP_TWO)).toBeUndefined();
    expect(replies.routineModeReply(B.help, AT_STEP_TWO)).toBeUndefined();
    expect(replies.routineModeReply(B.next, stateOf(IN_PREVENTION, { offer: OFFERS.more }))).toBeUndefined();
    // The forget question asked mid-routine keeps its own yes and no.
    expect(replies.routineModeReply(B.yes, midRoutine(1, { offer: OFFERS.forget }))).toBeUndefined();
    expect(replies.routineModeReply(B.no, midRoutine(1, { offer: OFFERS.forget }))).toBeUndefined();
  });

  it.each([B.yes, C.tellMeMore, B.resume, B.repeat])('after a question answered at step three, %s goes back to step three', (intent) => {
    const reply = replies.routineModeReply(intent, midRoutine(2, { offer: OFFERS.routineResume }))!;
    expect(reply.speech[0]).toBe(prompts.ROUTINE_BACK);
    expectRoutineStep(reply, 2);
    expect(reply.change).toBeUndefined();
  });

  it('after a question answered at step three, next goes on to step four', () => {
    expectRoutineStep(replies.routineModeReply(B.next, midRoutine(2, { offer: OFFERS.routineResume }))!, 3);
  });

  it.each([B.yes, B.resume])('after "Shall I repeat step two?", %s repeats step two; next goes on', (intent) => {
    const state = midRoutine(1, { offer: OFFERS.routineRepeat });
    const reply = replies.routineModeReply(intent, state)!;
    expectRoutineStep(reply, 1);
    expect(reply.speech[0]).not.toBe(prompts.ROUTINE_BACK);
    expectRoutineStep(replies.routineModeReply(B.next, state)!, 2);
  });

  it('going on from the step before the last speaks the last, which ends the routine and the session', () => {
    expectRoutineStep(replies.routineModeReply(B.next, midRoutine(LAST_STEP - 1))!, LAST_STEP);
  });

  it('"previous" at step one stays at step one', () => {
    const reply = replies.routineModeReply(B.previous, midRoutine(0))!;
    expectRoutineStep(reply, 0);
    expect(after(reply).routineStep).toBe(0);
  });

  it('waiting at step one names step two as the next', () => {
    expectWaiting(replies.routineModeReply(B.pause, midRoutine(0))!, 0);
  });

  it('a muscle named mid-routine ("it\'s my thigh") starts again from step one, fitted to it', () => {
    const reply = replies.routineModeReply(C.reliefRoutine, midRoutine(2, { muscle: 'CALF' }), { muscle: 'THIGH' })!;
    expectRoutineStep(reply, 0, 'THIGH');
  });

  it('the muscle named earlier is kept: going on, going back to step one, and starting over', () => {
    expectRoutineStep(replies.routineModeReply(B.next, midRoutine(0, { muscle: 'CALF' }))!, 1, 'CALF');
    expectRoutineStep(replies.routineModeReply(B.previous, midRoutine(1, { muscle: 'CALF' }))!, 0, 'CALF');
    expectRoutineStep(replies.routineModeReply(B.startOver, midRoutine(2, { muscle: 'CALF' }))!, 0, 'CALF');
  });
});

describe('inContext', () => {
  const atStepThree = midRoutine(2);

  it('leaves every reply as it is when no routine is under way', () => {
    const reply = replies.topicSummary('CAUSES');
    expect(replies.inContext(reply, stateOf(IN_PREVENTION))).toBe(reply);
  });

  it('mid-routine, keeps the answer and its change but closes with the way back to the step left', () => {
    const answer = replies.topicSummary('CAUSES');
    const reply = replies.inContext(answer, atStepThree);
    expect(reply.speech).toEqual(answer.speech);
    expect(reply.change).toBe(answer.change);
    expect(reply.ask?.question).toBe(prompts.ROUTINE_ASIDE_QUESTION);
    expect(reply.ask?.reprompt).toContain('step three');
    expect(reply.offer).toEqual({ kind: 'routineResume' });
  });

  it.each<[string, Reply]>([
    ['a routine step', replies.startRoutine()],
    ['a reply that ends the session', replies.goodbye()],
    ['the forget question', replies.confirmForget()],
    ['the evening-or-morning question', askEvening({ hour: 10, minute: 0 })],
    ['a question for a slot', askTime(false)],
  ])('mid-routine, leaves %s as it is', (_what, reply) => {
    expect(replies.inContext(reply, atStepThree)).toBe(reply);
  });
});
