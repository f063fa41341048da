/**
 * The decision rule: a sample said word for word is its intent. Otherwise take the best-scoring intent
 * whose samples hold enough of the content words (a custom intent minIntentCoverage of them, a built-in
 * minBuiltInCoverage) if
 *   - its score is at least minTopScore (the floor), and
 *   - it leads the next candidate, None included, by at least minLead (a split "relief 0.50 vs
 *     prevention 0.48" is not clear; "relief 0.50 vs prevention 0.30" is, whatever the absolute score),
 *   - its nearest sample is at least minSimilarity alike, and at least minKnownShare of the content
 *     words appear anywhere in the model.
 * Unknown words ("hamstring", "arvo") only lower the scores through nlp.js's None class and the
 * similarity: they never veto an otherwise clear match. Anything else is AMAZON.FallbackIntent.
 *
 * The numbers are calibrated, not guessed: `npx tsx nlu/tuning/calibrate-nlu.ts` (see its header).
 */
import { BUILT_IN_INTENTS } from '../lambda/intents';
import { NONE } from './classifier';
import { isCustomIntent } from './intent-kinds';
import type { Candidate, Ranking } from './scoring';

export interface DecisionRule {
  readonly minTopScore: number;
  readonly minLead: number;
  /** The share of content words the model must know at all. */
  readonly minKnownShare: number;
  /** How close the chosen intent's nearest sample must be (cosine, 0..1). */
  readonly minSimilarity: number;
  /** The share of content words a custom intent's samples must hold for it to be chosen. */
  readonly minIntentCoverage: number;
  /** The same for a built-in intent: higher, so "how can i stop cramps at night" is not Stop. */
  readonly minBuiltInCoverage: number;
}

export const DECISION_RULE: DecisionRule = { minTopScore: 0.15, minLead: 0.05, minKnownShare: 0.34, minIntentCoverage: 0.34, minBuiltInCoverage: 0.5, minSimilarity: 0.2 };

/** Nearest-sample similarity (cosine of stems) from which an utterance counts as that sample said again. */
export const VERBATIM = 0.95;

export interface Decision {
  readonly intent: string;
  readonly score: number;
  /** The score minus the runner-up's (None included). */
  readonly lead: number;
}

/**
 * The best eligible candidate, if it clears the floor and leads the next candidate (None included) by
 * enough, and enough of the words are known at all; else AMAZON.FallbackIntent.
 */
export function decide(ranking: Ranking, rule: DecisionRule = DECISION_RULE): Decision {
  const [best, ...rest] = ranking.candidates.filter((c) => c.intent === NONE || eligible(c, rule));
  // A sample said word for word (a slot value in its place) is that sample's intent, however the classifier splits it.
  const verbatim = ranking.candidates.find((c) => c.intent !== NONE && c.similarity >= VERBATIM && eligible(c, rule));
  if (verbatim && ranking.candidates.filter((c) => c.similarity >= VERBATIM).length === 1) {
    return { intent: verbatim.intent, score: verbatim.score, lead: verbatim.score - (ranking.candidates.find((c) => c !== verbatim)?.score ?? 0) };
  }
  if (!best || best.intent === NONE) return { intent: BUILT_IN_INTENTS.fallback, score: best?.score ?? 0, lead: 0 };
  const lead = best.score - (rest[0]?.score ?? 0);
  const clear = ranking.knownShare >= rule.minKnownShare && best.similarity >= rule.minSimilarity && best.score >= rule.minTopScore && lead >= rule.minLead;
  return { intent: clear ? best.intent : BUILT_IN_INTENTS.fallback, score: best.score, lead };
}

/** Whether the intent's samples hold enough of the words said for it to be chosen at all. */
function eligible(candidate: Candidate, rule: DecisionRule): boolean {
  return candidate.coverage >= (isCustomIntent(candidate.intent) ? rule.minIntentCoverage : rule.minBuiltInCoverage);
}
