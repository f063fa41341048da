/**
 * A cause named whole in a why-question is a question about that cause, whether the classifier took it for
 * the overview ("my son sleeps with his toes pointed down is that why he gets cramps") or for relief with no
 * plea in it ("is the baby making my legs cramp"); with nothing else understood, a cause's telling words are
 * enough ("i sit at a desk all day could that be why"). Nothing understood but "why" and cramps ("why do
 * your legs cramp up when you're asleep") asks about the causes.
 */
import { BUILT_IN_INTENTS, CAUSE_SLOT, CUSTOM_INTENTS } from '../../lambda/intents';
import { CANONICAL, CRAMP_WORDS } from '../nlu-lexicon';
import { pleadsInAnyClause, speaksOfDistress } from './help-first';
import type { Step } from './step';

export const whyQuestion: Step = (reading, { text, canonical, exact }, { slotIntent, keywordValue }) => {
  const name = reading.intent;
  const unpleading = name === CUSTOM_INTENTS.reliefRoutine && !speaksOfDistress(canonical) && !pleadsInAnyClause(canonical);
  if (!((name === CUSTOM_INTENTS.causesOverview || name === BUILT_IN_INTENTS.fallback || unpleading) && asksWhy(canonical))) return reading;
  const named = exact?.slot === CAUSE_SLOT || (name === BUILT_IN_INTENTS.fallback && keywordValue(CAUSE_SLOT, text) !== undefined);
  if (named) return { ...reading, intent: slotIntent.get(CAUSE_SLOT) ?? name };
  if (name === BUILT_IN_INTENTS.fallback && /\b(?:why|how come)\b/.test(canonical) && speaksOfCramps(canonical)) return { ...reading, intent: CUSTOM_INTENTS.causesOverview };
  return reading;
};

/**
 * Whether folded words ask what caused something ("is that why", "could that be it", "because of"), so a
 * cause named in them makes a question about that cause.
 */
export function asksWhy(canonical: string): boolean {
  return /\b(?:why|cause|causes|causing|caused|because|reason|blame|linked|connected|make|makes|making|behind)\b|\b(?:is|could|would|does|can|might) (?:that|it|this)\b/.test(canonical);
}

/** Whether folded words name cramps, as a cramp, cramps, cramping or a seized leg. */
export function speaksOfCramps(canonical: string): boolean {
  return canonical.split(' ').some((word) => CRAMP_WORDS.has(word) || word === 'cramps' || word === CANONICAL.seized);
}

