/**
 * Scoring every intent twice: nlp.js's classifier (softmax-like, sums to 1, with a None class that unknown
 * words feed), and the nearest sample (cosine similarity of IDF-weighted stems, shared out among intents).
 * A candidate's score is the even blend; when nlp.js abstains (None alone, which it does for long wordy
 * questions) the nearest sample decides alone. A built-in intent's score is scaled by the square of the
 * share of the words its samples hold ("going back to sleep" is not Resume).
 */
import type { NlpResult } from '@nlpjs/nlp';
import { NONE, type Classifier } from './classifier';
import { isCustomIntent } from './intent-kinds';
import type { NearestSamples } from './nearest-sample';
import { canonicalWords } from './nlu-lexicon';
import { exactValueIn, type ExactValue, type SlotForm } from './slot-values';
import { contentWordsOf, coverage, type Vocabulary } from './vocabulary';

/** A candidate's score: this share from the nearest sample, the rest from nlp.js's classifier. */
export const SIMILARITY_WEIGHT = 0.5;
/** Nearest-sample similarities are raised to this power before they are shared out among the intents. */
export const SIMILARITY_SHARPNESS = 4;

/** One intent nlp.js scored for an utterance, and whether the words said can be that intent's. */
export interface Candidate {
  readonly intent: string;
  readonly score: number;
  /** Cosine similarity (0..1) to this intent's nearest sample. */
  readonly similarity: number;
  /** The share of the utterance's content words this intent's samples hold (1 when there are none). */
  readonly coverage: number;
}

/** Everything the decision rule looks at, best candidate first. */
export interface Ranking {
  /** The utterance as scored: normalised, fillers dropped, words folded (nlu/nlu-lexicon.ts). */
  readonly text: string;
  readonly candidates: readonly Candidate[];
  /** The share of the utterance's content words the model knows at all (1 when there are none). */
  readonly knownShare: number;
}

/** The scores of the words as said: the classifier's, the value said whole, and the nearest samples. */
export interface Scores {
  readonly result: NlpResult;
  readonly exact: ExactValue | undefined;
  readonly similarity: Map<string, number>;
  /** The words folded (nlu/nlu-lexicon.ts). */
  readonly canonical: string;
}

export class Scorer {
  constructor(
    private readonly classifier: Classifier,
    private readonly nearest: NearestSamples,
    private readonly forms: readonly SlotForm[],
    /** Every intent of the model, in model order. */
    private readonly intents: readonly string[],
    private readonly vocabulary: Vocabulary,
  ) {}

  /**
   * Scores the words as said (`text`): the intents on their canonical words, the slot values on the words
   * themselves (a value said whole becomes its `@slot` template for scoring).
   */
  async score(text: string): Promise<Scores> {
    const canonical = canonicalWords(text);
    let result: NlpResult = canonical ? await this.classifier.process(canonical) : { intent: NONE, score: 1, entities: [] };
    // nlp.js's own substitution can trip over values that contain other values ("thyroid problems",
    // "magnesium deficiency"): also try the longest exact value replaced by its `@slot` template.
    const exact = exactValueIn(text, this.forms);
    const templated = exact
      ? [canonicalWords(text.slice(0, exact.start).trim()), `@${exact.slot}`, canonicalWords(text.slice(exact.end).trim())].filter(Boolean).join(' ')
      : undefined;
    if (templated) {
      const scored = await this.classifier.process(templated);
      if (scored.intent !== NONE && (result.intent === NONE || scored.score > result.score)) result = scored;
    }
    // The nearest sample, to the words (and, when a slot value was said, to its template).
    const similarity = this.nearest.similarities(canonical);
    if (templated) {
      for (const [intent, value] of this.nearest.similarities(templated)) {
        if (value > (similarity.get(intent) ?? 0)) similarity.set(intent, value);
      }
    }
    return { result, exact, similarity, canonical };
  }

  /** The candidates for the scores, best first, None among them unless nlp.js abstained. */
  rank({ canonical, result, similarity }: Scores): Ranking {
    const words = contentWordsOf(canonical, this.classifier.stem);
    const classified = new Map((result.classifications ?? [{ intent: result.intent, score: result.score }]).map((c) => [c.intent, c.score]));
    // nlp.js answers None alone when no intent scores above zero (long, wordy questions): it abstains, and
    // the nearest sample decides alone. A None beside other intents is its unknown-word feature and counts.
    const abstained = [...classified.keys()].every((intent) => intent === NONE);
    const classifierWeight = abstained ? 0 : 1 - SIMILARITY_WEIGHT;
    const sharpened = new Map([...similarity].map(([intent, s]) => [intent, s ** SIMILARITY_SHARPNESS]));
    const total = [...sharpened.values()].reduce((sum, s) => sum + s, 0);
    const candidates: Candidate[] = this.intents.map((intent) => {
      const covered = coverage(words, this.vocabulary.byIntent.get(intent));
      const blended = classifierWeight * (classified.get(intent) ?? 0) + (1 - classifierWeight) * (total > 0 ? (sharpened.get(intent) ?? 0) / total : 0);
      // A built-in's few samples leave a classifier sure of it on one shared word ("going back to sleep" is
      // not Resume): it counts in proportion to the square of the words said that its samples hold.
      return { intent, score: isCustomIntent(intent) ? blended : blended * covered ** 2, similarity: similarity.get(intent) ?? 0, coverage: covered };
    });
    if (!abstained) candidates.push({ intent: NONE, score: classifierWeight * (classified.get(NONE) ?? 0), similarity: 0, coverage: 0 });
    candidates.sort((x, y) => y.score - x.score);
    return { text: canonical, candidates, knownShare: coverage(words, this.vocabulary.all) };
  }
}
