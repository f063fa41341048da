/**
 * Builders and expectations for the pure replies (lambda/replies.ts): session states made of the real types,
 * a reply's words as the listener hears them, its history change applied, and what a topic summary or a
 * routine step must carry. Spoken words are checked against the content modules and plain ordinals, never
 * against the helpers that build them.
 */
import * as prompts from '../../lambda/content/prompts';
import { ROUTINE_STEPS, stretchFor } from '../../lambda/content/routine';
import { toPlainText } from '../../lambda/content/ssml';
import { topic } from '../../lambda/content/topics';
import type { MuscleId, TopicId } from '../../lambda/content/types';
import type { Reply } from '../../lambda/replies';
import { EMPTY_HISTORY, type UserHistory } from '../../lambda/state/history';
import type { Offer, RoutineMode, SessionState } from '../../lambda/turn';

export const NOW = Date.parse('2026-03-01T02:00:00Z');
export const MINUTE = 60_000;
export const LAST_STEP = ROUTINE_STEPS.length - 1;

/** How the steps are named aloud: "Step one", "step two". */
export const ORDINALS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven'];

/** A listener's history: `heard` oldest first, as [topic, epoch ms]; anything else as given. */
export function historyOf(heard: readonly (readonly [TopicId, number])[] = [], rest: Partial<UserHistory> = {}): UserHistory {
  return { ...EMPTY_HISTORY, recent: heard.map(([id, at]) => ({ topic: id, at })), ...rest };
}

/** Session attributes as the last turn left them. */
export function stateOf(history: UserHistory, context: { readonly offer?: Offer; readonly routine?: RoutineMode } = {}): SessionState {
  return { history, version: 0, ...context };
}

/** The listener is at step `step` (index) of a routine begun two minutes ago, and was asked "Ready to go on?". */
export function midRoutine(step: number, more: { readonly muscle?: MuscleId; readonly offer?: Offer } = {}): SessionState {
  const history = historyOf([['RELIEF_ROUTINE', NOW - 2 * MINUTE]], { lastTopic: 'RELIEF_ROUTINE', routineStep: step, disclaimerHeard: true });
  const routine = more.muscle ? { step, muscle: more.muscle } : { step };
  return stateOf(history, { offer: more.offer ?? { kind: 'routineNext' }, routine });
}

/** One offer of every kind (a Record, so a new kind fails to compile until it is listed here). */
export const OFFERS: Readonly<Record<Offer['kind'], Offer>> = {
  more: { kind: 'more', topic: 'PREVENTION' },
  topic: { kind: 'topic', topic: 'FOOTWEAR' },
  relief: { kind: 'relief' },
  routineNext: { kind: 'routineNext' },
  routineResume: { kind: 'routineResume' },
  routineRepeat: { kind: 'routineRepeat' },
  forget: { kind: 'forget' },
  reminderEvening: { kind: 'reminderEvening', time: '10:00' },
};

/** A listener who heard the prevention summary and its first deeper part, and was offered more. */
export const IN_PREVENTION = historyOf([['PREVENTION', NOW - MINUTE]], { lastTopic: 'PREVENTION', depth: 1, disclaimerHeard: true });

/** What the listener hears: the reply's words (pauses dropped) and its closing question. */
export function said(reply: Reply): string {
  return toPlainText(reply.ask ? [...reply.speech, reply.ask.question] : reply.speech);
}

/** The history after the reply's change, applied at `now` (the same history when the reply changes nothing). */
export function after(reply: Reply, history: UserHistory = EMPTY_HISTORY, now = NOW): UserHistory {
  return reply.change ? reply.change(history, now) : history;
}

export function endsSession(reply: Reply): boolean {
  return reply.ask === undefined;
}

/** "Do you have a cramp right now?": a yes starts the routine. */
export function expectReliefOffer(reply: Reply): void {
  expect(reply.ask?.question).toBe(prompts.RELIEF_OFFER_QUESTION);
  expect(reply.offer).toEqual({ kind: 'relief' });
}

/** The first answer about `id`: its summary, an offer of more about it, the disclaimer due, the screen's heading. */
export function expectTopicSummary(reply: Reply, id: TopicId): void {
  expect(reply.speech).toEqual([topic(id).summary.text]);
  expect(reply.ask?.question).toBe(prompts.MORE_QUESTION);
  expect(reply.ask?.reprompt).toContain(topic(id).title);
  expect(reply.offer).toEqual({ kind: 'more', topic: id });
  expect(reply.disclaimer).toBe(true);
  expect(reply.about).toEqual({ topic: id });
  expect(reply.routine).toBeUndefined();
}

/**
 * Step `index` of the routine (step one fitted to `muscle` when given), and only that step: its label and
 * instruction, then "Ready to go on?" naming the next step, or, at the last step, the goodnight that ends
 * the routine and the session.
 */
export function expectRoutineStep(reply: Reply, index: number, muscle?: MuscleId): void {
  const text = said(reply);
  const instruction = index === 0 ? stretchFor(muscle).text : ROUTINE_STEPS[index]!.instruction.text;
  expect(text).toContain(instruction);
  expect(text).toContain(index === 0 ? `Step one of ${ORDINALS[ROUTINE_STEPS.length - 1]}.` : `Step ${ORDINALS[index]}.`);
  ROUTINE_STEPS.forEach((step, other) => {
    if (other !== index) expect(text).not.toContain(step.instruction.text);
  });
  if (index === 0 && muscle) expect(text).not.toContain(ROUTINE_STEPS[0]!.instruction.text);
  expect(reply.about).toEqual({ step: index });
  expect(reply.disclaimer).toBe(true);
  if (index === LAST_STEP) {
    expect(text.endsWith(prompts.ROUTINE_DONE)).toBe(true);
    expect(endsSession(reply)).toBe(true);
    expect(reply.offer).toBeUndefined();
    expect(reply.routine).toBe('end');
    return;
  }
  expect(reply.ask?.question).toBe(prompts.ROUTINE_NEXT_QUESTION);
  expect(reply.ask?.reprompt).toContain(`step ${ORDINALS[index + 1]}`);
  expect(reply.offer).toEqual({ kind: 'routineNext' });
  expect(reply.routine).toEqual(muscle ? { step: index, muscle } : { step: index });
}
