/**
 * What a turn means, as metrics: turnMetrics is pure, so each case is a request (from the real fixtures), the
 * session state before, the reply the skill chose (from replies.ts itself) and the state after.
 */
import type { Request } from 'ask-sdk-model';
import { ROUTINE_STEPS } from '../../lambda/content/routine';
import { BUILT_IN_INTENTS as B, CUSTOM_INTENTS as C } from '../../lambda/intents';
import { METRIC, routineStepMetric } from '../../lambda/metric-names';
import * as replies from '../../lambda/replies';
import * as reminderReplies from '../../lambda/reminder-replies';
import { EMPTY_HISTORY, type UserHistory } from '../../lambda/state/history';
import type { SessionState } from '../../lambda/turn';
import { storeCallMetrics, turnMetrics, type TurnObservation } from '../../lambda/turn-metrics';
import { names } from '../helpers/recording-metrics';
import { canFulfillRequest, intentRequest, launchRequest, sessionEndedRequest, skillDisabledEvent, type SlotInput } from '../helpers/requests';

const NOW = 1_750_000_000_000;
const LAST = ROUTINE_STEPS.length - 1;

const intent = (name: string, slots: Record<string, SlotInput | undefined> = {}): Request => intentRequest(name, slots).request;
const state = (extra: Partial<SessionState> = {}, history: Partial<UserHistory> = {}): SessionState => ({
  history: { ...EMPTY_HISTORY, ...history },
  version: 3,
  ...extra,
});
const inRoutine = (step: number, offer: SessionState['offer'] = { kind: 'routineNext' }) => state({ routine: { step }, offer });
const metricsOf = (turn: Partial<TurnObservation> & { request: Request }) => names(turnMetrics({ now: NOW, ...turn }));

describe('turns and what was not understood', () => {
  test('a launch is a turn and nothing else', () => {
    expect(metricsOf({ request: launchRequest().request, reply: replies.welcome(EMPTY_HISTORY), after: state() })).toEqual([METRIC.turns]);
  });

  test('AMAZON.FallbackIntent is not understood', () => {
    expect(metricsOf({ request: intent(B.fallback), reply: replies.fallback() })).toEqual([METRIC.turns, METRIC.notUnderstood]);
  });

  test('a cause the article does not cover is not understood', () => {
    const request = intent(C.causeDetail, { cause: { value: 'gout' } });
    expect(metricsOf({ request, reply: replies.causeDetail({ status: 'noMatch', heard: 'gout' }) })).toContain(METRIC.notUnderstood);
  });

  test('a cause the article covers is understood', () => {
    const request = intent(C.causeDetail, { cause: { value: 'dehydration', id: 'DEHYDRATION' } });
    expect(metricsOf({ request, reply: replies.causeDetail({ status: 'match', cause: 'DEHYDRATION' }) })).not.toContain(METRIC.notUnderstood);
  });

  test('a cause question without a cause is understood (the causes overview)', () => {
    expect(metricsOf({ request: intent(C.causeDetail), reply: replies.causeDetail({ status: 'empty' }) })).not.toContain(METRIC.notUnderstood);
  });

  test.each([
    ['CanFulfillIntentRequest', canFulfillRequest(C.reliefRoutine).request],
    ['AlexaSkillEvent.SkillDisabled', skillDisabledEvent().request],
  ])('%s is no turn: no metric', (_name, request) => {
    expect(metricsOf({ request })).toEqual([]);
  });

  test('an error answered to a listener: a turn, answered with an error', () => {
    expect(metricsOf({ request: intent(C.prevention), errorAnswered: true })).toEqual([METRIC.turns, METRIC.errorAnswered]);
  });

  test('an error answered to a request that is no turn is still counted', () => {
    expect(metricsOf({ request: canFulfillRequest(C.prevention).request, errorAnswered: true })).toEqual([METRIC.errorAnswered]);
  });
});

describe('the relief routine', () => {
  test('starting it counts the start and the routine as the topic asked', () => {
    expect(metricsOf({ request: intent(C.reliefRoutine), reply: replies.startRoutine() })).toEqual([
      METRIC.turns,
      METRIC.routineStarted,
      'TopicAsked{topic=RELIEF_ROUTINE}',
    ]);
  });

  test.each(ROUTINE_STEPS.slice(1).map((_, i) => i + 1))('moving on to step %i counts its metric', (step) => {
    const reply = replies.routineModeReply(B.next, inRoutine(step - 1))!;
    expect(metricsOf({ request: intent(B.next), before: inRoutine(step - 1), reply })).toEqual([METRIC.turns, routineStepMetric(step)]);
  });

  test('the funnel: started, step two, ..., completed', () => {
    expect(ROUTINE_STEPS.map((_, i) => routineStepMetric(i))).toEqual(['RoutineStarted', 'RoutineStep2', 'RoutineStep3', 'RoutineStep4', 'RoutineCompleted']);
  });

  test.each([
    ['repeat', B.repeat, 2],
    ['wait', B.pause, 2],
    ['previous', B.previous, 2],
    ['start over', B.startOver, 3],
  ])('%s mid-routine counts no step and no start', (_name, said, at) => {
    const reply = replies.routineModeReply(said, inRoutine(at))!;
    expect(metricsOf({ request: intent(said), before: inRoutine(at), reply })).toEqual([METRIC.turns]);
  });

  test('back to the steps after a question counts no step', () => {
    const before = inRoutine(2, { kind: 'routineResume' });
    expect(metricsOf({ request: intent(B.yes), before, reply: replies.routineModeReply(B.yes, before)! })).toEqual([METRIC.turns]);
  });

  test('a question mid-routine is no step either, and not abandoned (the way back is offered)', () => {
    const before = inRoutine(1);
    const reply = replies.inContext(replies.topicSummary('CAUSES'), before);
    expect(metricsOf({ request: intent(C.causesOverview), before, reply })).toEqual([METRIC.turns]);
  });

  test('stop mid-routine counts as abandoned, and as stopped', () => {
    const reply = replies.routineModeReply(B.stop, inRoutine(2))!;
    expect(metricsOf({ request: intent(B.stop), before: inRoutine(2), reply })).toEqual([METRIC.turns, METRIC.routineAbandoned, METRIC.routineStopped]);
  });

  test('the last step is completion, not abandonment', () => {
    const reply = replies.routineModeReply(B.next, inRoutine(LAST - 1))!;
    expect(metricsOf({ request: intent(B.next), before: inRoutine(LAST - 1), reply })).toEqual([METRIC.turns, METRIC.routineCompleted]);
  });

  test('a reply that ends the session mid-routine (the reminders permission asked by voice) abandons it, not stopped', () => {
    const reply = reminderReplies.askPermission({ hour: 22, minute: 0 });
    expect(metricsOf({ request: intent(C.setStretchReminder), before: inRoutine(1), reply })).toEqual([METRIC.turns, METRIC.routineAbandoned]);
  });

  test('the session ending mid-routine (silence, "exit") is abandoned', () => {
    expect(metricsOf({ request: sessionEndedRequest().request, before: inRoutine(1) })).toEqual([METRIC.routineAbandoned]);
  });

  test('the session ending outside the routine is nothing', () => {
    expect(metricsOf({ request: sessionEndedRequest().request, before: state({ offer: { kind: 'relief' } }) })).toEqual([]);
  });
});

describe('the relief offer', () => {
  const offered = state({ offer: { kind: 'relief' } });

  test('yes accepts it', () => {
    expect(metricsOf({ request: intent(B.yes), before: offered, reply: replies.yes(offered) })).toContain(METRIC.reliefOfferAccepted);
  });

  test('asking for the routine in other words accepts it too', () => {
    expect(metricsOf({ request: intent(C.reliefRoutine), before: offered, reply: replies.startRoutine() })).toContain(METRIC.reliefOfferAccepted);
  });

  test('no declines it', () => {
    expect(metricsOf({ request: intent(B.no), before: offered, reply: replies.no(offered) })).toEqual([METRIC.turns, METRIC.reliefOfferDeclined]);
  });

  test('a question instead is neither', () => {
    const metrics = metricsOf({ request: intent(C.prevention), before: offered, reply: replies.topicSummary('PREVENTION') });
    expect(metrics).not.toContain(METRIC.reliefOfferAccepted);
    expect(metrics).not.toContain(METRIC.reliefOfferDeclined);
  });
});

describe('topics', () => {
  test("a topic's first answer counts it, by id", () => {
    const after = state({}, { recent: [{ topic: 'PREVENTION', at: NOW }], lastTopic: 'PREVENTION' });
    expect(metricsOf({ request: intent(C.prevention), reply: replies.topicSummary('PREVENTION'), after })).toEqual([METRIC.turns, 'TopicAsked{topic=PREVENTION}']);
  });

  test('"tell me more" or a repeat does not count it again', () => {
    const after = state({}, { recent: [{ topic: 'PREVENTION', at: NOW - 5000 }], lastTopic: 'PREVENTION', depth: 1 });
    expect(metricsOf({ request: intent(C.tellMeMore), reply: replies.tellMeMore(after.history), after })).toEqual([METRIC.turns]);
  });
});

describe('reminders', () => {
  test('a new reminder is set', () => {
    const after = state({}, { reminder: 'token-1' });
    expect(metricsOf({ request: intent(C.setStretchReminder), before: state(), reply: reminderReplies.reminderSet({ hour: 22, minute: 0 }, 'token-1', false), after })).toContain(
      METRIC.reminderSet,
    );
  });

  test('moving it is setting it', () => {
    const after = state({}, { reminder: 'token-2' });
    const before = state({}, { reminder: 'token-1' });
    expect(metricsOf({ request: intent(C.setStretchReminder), before, reply: reminderReplies.reminderSet({ hour: 21, minute: 0 }, 'token-2', true), after })).toContain(
      METRIC.reminderSet,
    );
  });

  test('finding an existing one while checking is not setting one', () => {
    const after = state({}, { reminder: 'token-1' });
    expect(metricsOf({ request: intent(C.checkStretchReminder), before: state(), reply: reminderReplies.reminderStatus(undefined, 'token-1'), after })).not.toContain(
      METRIC.reminderSet,
    );
  });

  test('cancelling it', () => {
    expect(metricsOf({ request: intent(C.cancelStretchReminder), before: state({}, { reminder: 't' }), reply: reminderReplies.cancelled(false), after: state() })).toEqual([
      METRIC.turns,
      METRIC.reminderCancelled,
    ]);
  });

  test('a failed cancel, or none to cancel, is not cancelling', () => {
    expect(metricsOf({ request: intent(C.cancelStretchReminder), reply: reminderReplies.cancelFailed() })).toEqual([METRIC.turns]);
    expect(metricsOf({ request: intent(C.cancelStretchReminder), reply: reminderReplies.noReminder(false) })).toEqual([METRIC.turns]);
  });
});

describe('history store calls', () => {
  test('a call in time adds its latency', () => {
    expect(storeCallMetrics({ operation: 'load', ms: 12.345, outcome: 'ok' })).toEqual([{ name: METRIC.historyLoadLatency, unit: 'Milliseconds', value: 12.3 }]);
  });

  test('a call cut off at its deadline adds its latency and a deadline hit', () => {
    expect(storeCallMetrics({ operation: 'save', ms: 1200.4, outcome: 'deadline' })).toEqual([
      { name: METRIC.historySaveLatency, unit: 'Milliseconds', value: 1200.4 },
      { name: METRIC.historyDeadlineHits, unit: 'Count', value: 1 },
    ]);
  });

  test('a failed call adds its latency only', () => {
    expect(storeCallMetrics({ operation: 'forget', ms: 3, outcome: 'failed' })).toEqual([{ name: METRIC.historyForgetLatency, unit: 'Milliseconds', value: 3 }]);
  });
});
