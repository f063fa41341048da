/** Which intents are which, as the NLU's steps tell them apart. */
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../lambda/intents';

/** Whether an intent is one of the skill's own (custom) intents, as opposed to an AMAZON built-in. */
export function isCustomIntent(name: string): boolean {
  return (Object.values(CUSTOM_INTENTS) as string[]).includes(name);
}

/** The intents that answer a question about leg cramps (as opposed to relief now, navigation or settings). */
export const TOPIC_INTENTS: ReadonlySet<string> = new Set([
  CUSTOM_INTENTS.whatAreLegCramps,
  CUSTOM_INTENTS.causesOverview,
  CUSTOM_INTENTS.causeDetail,
  CUSTOM_INTENTS.prevention,
  CUSTOM_INTENTS.treatment,
  CUSTOM_INTENTS.seeADoctor,
]);

/** Answers that stand whatever else is said: ending, pausing, refusing ("not yet, it still hurts"). */
export const ANSWERS_KEPT: ReadonlySet<string> = new Set([BUILT_IN_INTENTS.stop, BUILT_IN_INTENTS.cancel, BUILT_IN_INTENTS.pause, BUILT_IN_INTENTS.no]);
