/** A cause the article does not cover, asked about (nlu/steps/uncovered-cause.ts). */
import { CUSTOM_INTENTS } from '../../../lambda/intents';
import { uncoveredCause } from '../../../nlu/steps/uncovered-cause';
import { FALLBACK, stepAlone } from './trained';

it('hears a cause the article does not name in a question whether it causes cramps', async () => {
  expect(await stepAlone(uncoveredCause, 'can gout cause leg cramps', { intent: FALLBACK })).toEqual({ intent: CUSTOM_INTENTS.causeDetail, uncoveredCause: 'gout' });
  expect(await stepAlone(uncoveredCause, 'lupus leg cramps', { intent: CUSTOM_INTENTS.causesOverview })).toEqual({ intent: CUSTOM_INTENTS.causeDetail, uncoveredCause: 'lupus' });
});

it('leaves a cause the article covers to the slots', async () => {
  expect(await stepAlone(uncoveredCause, 'can dehydration cause cramps', { intent: CUSTOM_INTENTS.causeDetail })).toEqual({ intent: CUSTOM_INTENTS.causeDetail });
});

it('takes relief for a cause question only when a causing word says so and nothing pleads', async () => {
  const relief = { intent: CUSTOM_INTENTS.reliefRoutine };
  expect((await stepAlone(uncoveredCause, 'is my cramp from all the chai i drink', relief)).intent).toBe(CUSTOM_INTENTS.causeDetail);
  expect((await stepAlone(uncoveredCause, 'lupus leg cramps', relief)).intent).toBe(CUSTOM_INTENTS.reliefRoutine);
});
