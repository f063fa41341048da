/**
 * From a scored utterance to the intent Alexa would send: the calibrated rule's choice, then the steps
 * (nlu/steps/) in this order, then the slots, then a cause question naming no cause becomes the overview.
 */
import type { Intent } from 'ask-sdk-model';
import { causelessDetail } from './steps/causeless-detail';
import { firstUnderstoodClause } from './steps/first-understood-clause';
import { helpFirst } from './steps/help-first';
import { muscleCorrection } from './steps/muscle-correction';
import { slotGap } from './steps/slot-gap';
import { slotValueAlone } from './steps/slot-value-alone';
import type { Knowledge, Reading, Step, Turn } from './steps/step';
import { uncoveredCause } from './steps/uncovered-cause';
import { whyQuestion } from './steps/why-question';
import { BUILT_IN_INTENTS } from '../lambda/intents';
import { fillSlots, type SlotFilling } from './slot-filling';

/** The result of understanding one utterance: the intent Alexa would send, and how sure the NLU was. */
export interface Understanding {
  readonly intent: Intent;
  /** The chosen (or, for Fallback, the best) intent's blended score, 0..1. */
  readonly score: number;
  /** That score minus the runner-up's (None included). */
  readonly lead: number;
  /** What nlp.js ranked first before the decision rule ('None' when nothing). */
  readonly nlpIntent: string;
  /** The decision rule chose the intent (not a step that caught something after it said Fallback). */
  readonly confident: boolean;
}

/** The steps after the decision rule, in the order they apply: each may change the reading of the one before. */
export const STEPS: readonly (readonly [name: string, step: Step])[] = [
  ['slot value alone', slotValueAlone],
  ['help first', helpFirst],
  ['why-question', whyQuestion],
  ['first understood clause', firstUnderstoodClause],
  ['slot gap', slotGap],
  ['uncovered cause', uncoveredCause],
  ['muscle correction', muscleCorrection],
];

/** The reading the steps make of a turn, starting from the decision rule's. */
export async function readTurn(turn: Turn, knowledge: Knowledge): Promise<Reading> {
  let reading: Reading = { intent: turn.decision.intent };
  for (const [, step] of STEPS) reading = await step(reading, turn, knowledge);
  return reading;
}

export async function understandTurn(turn: Turn, knowledge: Knowledge, filling: SlotFilling, nlpIntent: string): Promise<Understanding> {
  const reading = await readTurn(turn, knowledge);
  const slots = await fillSlots(reading, turn, filling);
  return {
    intent: causelessDetail({ name: reading.intent, confirmationStatus: 'NONE', slots }),
    score: turn.decision.score,
    lead: turn.decision.lead,
    nlpIntent,
    confident: turn.decision.intent !== BUILT_IN_INTENTS.fallback,
  };
}
