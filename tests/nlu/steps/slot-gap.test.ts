/** Unknown words in a slot sample's place (nlu/steps/slot-gap.ts). */
import { CUSTOM_INTENTS } from '../../../lambda/intents';
import { slotGap } from '../../../nlu/steps/slot-gap';
import { FALLBACK, stepAlone } from './trained';

it('takes unknown words in a cause sample\'s place for a question about that cause', async () => {
  expect((await stepAlone(slotGap, 'tell me about gout', { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.causeDetail);
});

it('leaves known words in a slot sample\'s place as nothing understood', async () => {
  expect((await stepAlone(slotGap, 'tell me about night cramps', { intent: FALLBACK })).intent).toBe(FALLBACK);
});

it('leaves an understood intent as it was', async () => {
  expect((await stepAlone(slotGap, 'tell me about gout', { intent: CUSTOM_INTENTS.prevention })).intent).toBe(CUSTOM_INTENTS.prevention);
});
