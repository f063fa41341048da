/**
 * "Can gout cause leg cramps?": a cause the article does not name, heard in a cause's place, is a question
 * about that cause (the skill then says the article does not cover it). Taken for relief, only when a causing
 * verb or "from" says so ("is my cramp from all the chai i drink") and there is no plea.
 */
import { BUILT_IN_INTENTS, CAUSE_SLOT, CUSTOM_INTENTS } from '../../lambda/intents';
import { causeQuestion } from '../cause-question';
import { TOPIC_INTENTS } from '../intent-kinds';
import { canonicalWords } from '../nlu-lexicon';
import type { ExactValue } from '../slot-values';
import { pleadsInAnyClause, speaksOfNow } from './help-first';
import type { Knowledge, Step } from './step';

export const uncoveredCause: Step = (reading, { text, canonical, exact }, knowledge) => {
  const name = reading.intent;
  const asks = TOPIC_INTENTS.has(name) || name === BUILT_IN_INTENTS.fallback;
  const unpleaded = name === CUSTOM_INTENTS.reliefRoutine && !pleadsInAnyClause(canonical) && !speaksOfNow(canonical);
  const uncovered = asks || unpleaded ? uncoveredCauseWords(text, exact, !asks, knowledge) : undefined;
  return uncovered ? { ...reading, intent: knowledge.slotIntent.get(CAUSE_SLOT) ?? name, uncoveredCause: uncovered } : reading;
};

/**
 * The words of a question whether something causes cramps, when they name no cause the article covers:
 * no value said in them ("can dehydration cause cramps", "are my bp tablets giving me these cramps" stay
 * covered), and either a word no sample holds ("lupus leg cramps", "sleep apnea and cramps") or a causing
 * verb and no cause's telling word ("can stress cause leg cramps").
 */
export function uncoveredCauseWords(
  text: string,
  exact: ExactValue | undefined,
  causalOnly: boolean,
  { contentWords, knownWords, keywordValue }: Pick<Knowledge, 'contentWords' | 'knownWords' | 'keywordValue'>,
): string | undefined {
  const asked = causeQuestion(text);
  if (!asked || (causalOnly && !asked.causal)) return undefined;
  if (exact?.slot === CAUSE_SLOT && (` ${asked.words} `.includes(` ${exact.text} `) || ` ${exact.text} `.includes(` ${asked.words} `))) return undefined;
  // A word no sample holds outweighs a cause's telling word beside it: "sleep apnea" is not sleep position.
  if (contentWords(canonicalWords(asked.words)).some((w) => !knownWords.has(w))) return asked.words;
  return asked.causal && !keywordValue(CAUSE_SLOT, asked.words) ? asked.words : undefined;
}
