/** A correction of where the cramp is (nlu/steps/muscle-correction.ts). */
import { CUSTOM_INTENTS } from '../../../lambda/intents';
import { muscleCorrection } from '../../../nlu/steps/muscle-correction';
import { FALLBACK, stepAlone } from './trained';

it('takes a correction naming a muscle for the routine for that muscle', async () => {
  const reading = await stepAlone(muscleCorrection, "no it's my foot", { intent: CUSTOM_INTENTS.crampPersists });
  expect(reading.intent).toBe(CUSTOM_INTENTS.reliefRoutine);
  expect(reading.muscle?.id).toBe('FOOT');
});

it('takes the muscle not denied', async () => {
  expect((await stepAlone(muscleCorrection, 'hamstring not calf', { intent: FALLBACK })).muscle?.id).toBe('BACK_OF_THIGH');
});

it('leaves words that say more than a muscle as they were', async () => {
  expect(await stepAlone(muscleCorrection, 'my calf is cramping what do i do', { intent: CUSTOM_INTENTS.reliefRoutine })).toEqual({ intent: CUSTOM_INTENTS.reliefRoutine });
});
