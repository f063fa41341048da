/** The calibrated decision rule (nlu/decision-rule.ts) on rankings made by hand. */
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../lambda/intents';
import { decide, DECISION_RULE } from '../../nlu/decision-rule';
import type { Candidate, Ranking } from '../../nlu/scoring';

const candidate = (intent: string, score: number, similarity = 0.5, coverage = 1): Candidate => ({ intent, score, similarity, coverage });
const ranking = (candidates: Candidate[], knownShare = 1): Ranking => ({ text: 'words', candidates, knownShare });

it('takes a clear leader', () => {
  const decision = decide(ranking([candidate(CUSTOM_INTENTS.reliefRoutine, 0.5), candidate(CUSTOM_INTENTS.prevention, 0.3)]));
  expect(decision.intent).toBe(CUSTOM_INTENTS.reliefRoutine);
  expect(decision.lead).toBeCloseTo(0.2);
});

it('sends Fallback for a split, a low floor, unknown words or None ahead', () => {
  const fallback = BUILT_IN_INTENTS.fallback;
  expect(decide(ranking([candidate(CUSTOM_INTENTS.reliefRoutine, 0.5), candidate(CUSTOM_INTENTS.prevention, 0.48)])).intent).toBe(fallback);
  expect(decide(ranking([candidate(CUSTOM_INTENTS.reliefRoutine, 0.1)])).intent).toBe(fallback);
  expect(decide(ranking([candidate(CUSTOM_INTENTS.reliefRoutine, 0.5)], 0.2)).intent).toBe(fallback);
  expect(decide(ranking([candidate('None', 0.6), candidate(CUSTOM_INTENTS.reliefRoutine, 0.3)])).intent).toBe(fallback);
});

it('passes over an intent whose samples hold too few of the words, a built-in needing more', () => {
  const stop = candidate(BUILT_IN_INTENTS.stop, 0.6, 0.5, DECISION_RULE.minBuiltInCoverage - 0.1);
  expect(decide(ranking([stop, candidate(CUSTOM_INTENTS.prevention, 0.3)])).intent).toBe(CUSTOM_INTENTS.prevention);
});

it('takes a sample said word for word, however the scores split', () => {
  const verbatim = candidate(CUSTOM_INTENTS.prevention, 0.3, 1);
  expect(decide(ranking([candidate(CUSTOM_INTENTS.reliefRoutine, 0.31), verbatim])).intent).toBe(CUSTOM_INTENTS.prevention);
});
