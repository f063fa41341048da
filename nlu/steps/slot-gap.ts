/**
 * Like Alexa, words in a slot sample's place still fill the slot when they match no value ("tell me about
 * gout" → CauseDetailIntent, cause "gout", ER_SUCCESS_NO_MATCH): words the model does not know. Known words
 * ("explain night cramps to me") were not a slot value. Only for an utterance understood as nothing.
 */
import { BUILT_IN_INTENTS } from '../../lambda/intents';
import { coverage } from '../vocabulary';
import type { Step } from './step';

export const slotGap: Step = (reading, { text }, { templates, contentWords, knownWords }) => {
  if (reading.intent !== BUILT_IN_INTENTS.fallback) return reading;
  for (const [intent, list] of templates) {
    const heard = list.map((t) => t.regex.exec(text)?.[1]).find((words) => words !== undefined);
    if (heard !== undefined && coverage(contentWords(heard), knownWords) < 1) return { ...reading, intent };
  }
  return reading;
};
