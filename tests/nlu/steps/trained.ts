/**
 * The en-US NLU's parts, trained once per test file, and a step run alone on an utterance: the utterance is
 * heard and decided as `understand` would, then given to the step with the reading it names.
 */
import { BUILT_IN_INTENTS } from '../../../lambda/intents';
import { loadModel } from '../../../nlu/model';
import { trainParts, type TrainedParts } from '../../../nlu/nlu';
import type { Reading, Step } from '../../../nlu/steps/step';

let trained: Promise<TrainedParts> | undefined;

export function enUsParts(): Promise<TrainedParts> {
  trained ??= trainParts(loadModel('en-US'));
  return trained;
}

/** What `step` makes of `utterance` when the reading so far is `reading` (by default the decision rule's). */
export async function stepAlone(step: Step, utterance: string, reading?: Partial<Reading> & { intent: string }): Promise<Reading> {
  const parts = await enUsParts();
  const turn = await parts.hear(utterance);
  return step(reading ?? { intent: turn.decision.intent }, turn, parts.knowledge);
}

export const FALLBACK = BUILT_IN_INTENTS.fallback;
