/** A slot value said on its own (nlu/steps/slot-value-alone.ts). */
import { CUSTOM_INTENTS } from '../../../lambda/intents';
import { slotValueAlone } from '../../../nlu/steps/slot-value-alone';
import { FALLBACK, stepAlone } from './trained';

it('takes a cause said alone for a question about it', async () => {
  expect((await stepAlone(slotValueAlone, 'pregnancy', { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.causeDetail);
});

it('takes a muscle said alone for the routine for it', async () => {
  expect((await stepAlone(slotValueAlone, 'calf', { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.reliefRoutine);
});

it('leaves a value said among other words to the others', async () => {
  expect((await stepAlone(slotValueAlone, 'tell me about pregnancy', { intent: FALLBACK })).intent).toBe(FALLBACK);
});
