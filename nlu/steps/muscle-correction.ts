/** "No, it's my foot": where the cramp is, said alone, is the routine for that muscle (nlu/muscle-correction.ts finds it). */
import { MUSCLE_SLOT } from '../../lambda/intents';
import { correctedMuscle } from '../muscle-correction';
import type { Step } from './step';

export const muscleCorrection: Step = (reading, { text }, { slotIntent, muscleForms }) => {
  const muscle = correctedMuscle(text, muscleForms);
  return muscle ? { ...reading, intent: slotIntent.get(MUSCLE_SLOT) ?? reading.intent, muscle } : reading;
};
