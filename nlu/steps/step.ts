/**
 * The decision after the calibrated rule, as a pipeline of named steps (nlu/understanding.ts runs them in
 * order). Each step looks at what was heard (`Turn`), what the model knows (`Knowledge`), and the reading
 * so far, and returns the reading it makes of them: the same, or another intent with what it heard.
 */
import type { Decision } from '../decision-rule';
import type { MuscleForm } from '../muscle-correction';
import type { Ranking } from '../scoring';
import type { ExactValue, KeywordValue, SlotTemplate } from '../slot-values';
import type { SaysTopicWords } from '../vocabulary';

/** One utterance, heard and scored. */
export interface Turn {
  /** The words as heard: normalised, fillers dropped, run-together words split. */
  readonly text: string;
  /** The words folded (nlu/nlu-lexicon.ts). */
  readonly canonical: string;
  readonly ranking: Ranking;
  /** The longest slot value or synonym said whole. */
  readonly exact: ExactValue | undefined;
  /** What the calibrated decision rule chose. */
  readonly decision: Decision;
}

/** The intent understood so far, and what a step heard for its slots. */
export interface Reading {
  readonly intent: string;
  /** The words of a cause the article does not cover, heard in a cause's place ("gout"). */
  readonly uncoveredCause?: string;
  /** The muscle a correction named ("no, it's my foot"). */
  readonly muscle?: MuscleForm;
}

/** What the trained NLU knows that the steps use. */
export interface Knowledge {
  /** The intent that takes each slot (cause → CauseDetailIntent). */
  readonly slotIntent: ReadonlyMap<string, string>;
  /** Each intent's one-slot samples as patterns, longest first. */
  readonly templates: ReadonlyMap<string, readonly SlotTemplate[]>;
  /** Every (stemmed) content word the model knows. */
  readonly knownWords: ReadonlySet<string>;
  /** The stemmed words of a text that are not function words. */
  contentWords(text: string): string[];
  /** A value named by its distinctive words ("marathon" → EXERCISE). */
  readonly keywordValue: KeywordValue;
  /** Whether folded words say one of a topic intent's own words. */
  readonly saysTopicWords: SaysTopicWords;
  /** The muscle slot's values and synonyms. */
  readonly muscleForms: readonly MuscleForm[];
  /** The intent the decision rule alone gives some words (a part of a longer request). */
  decideAlone(text: string): Promise<string>;
}

export type Step = (reading: Reading, turn: Turn, knowledge: Knowledge) => Reading | Promise<Reading>;
