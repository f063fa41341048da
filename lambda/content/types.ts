/**
 * The shapes of everything the skill says. Sentences live in the content modules beside this file,
 * never in handlers; each piece records the article section it was summarised from so a reviewer can
 * check it against `../shared/source/leg-cramps-article.txt`.
 */

/** Headings of the source article, in article order. `Introduction` is the untitled opening paragraph. */
export const ARTICLE_SECTIONS = [
  'Introduction',
  'Dehydration and Electrolyte Imbalance',
  'Physical Activity and Exercise',
  'Inadequate Blood Flow',
  'Medical Conditions',
  'Mineral Deficiency',
  'Medications',
  'Pregnancy',
  'Lack of Physical Activity',
  'Improper Footwear',
  'Sleep Position',
  'Age Factor',
  'Prevention and Treatment',
  'Finishing Thoughts',
] as const;
export type ArticleSection = (typeof ARTICLE_SECTIONS)[number];

/** The causes the article discusses, one per section. Their ids are also the `CrampCause` slot value ids. */
export const CAUSE_IDS = [
  'DEHYDRATION',
  'EXERCISE',
  'BLOOD_FLOW',
  'MEDICAL_CONDITIONS',
  'MINERAL_DEFICIENCY',
  'MEDICATIONS',
  'PREGNANCY',
  'INACTIVITY',
  'FOOTWEAR',
  'SLEEP_POSITION',
  'AGE',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

export const GENERAL_TOPIC_IDS = ['WHAT_ARE_THEY', 'CAUSES', 'PREVENTION', 'SEE_A_DOCTOR', 'RELIEF_ROUTINE'] as const;
export type GeneralTopicId = (typeof GENERAL_TOPIC_IDS)[number];

export type TopicId = GeneralTopicId | CauseId;
export const TOPIC_IDS: readonly TopicId[] = [...GENERAL_TOPIC_IDS, ...CAUSE_IDS];

/** Plain text (no SSML) with the article section(s) it summarises. */
export interface Passage {
  readonly text: string;
  readonly sections: readonly ArticleSection[];
}

export interface Topic {
  readonly id: TopicId;
  /** How the topic is named in a sentence: "dehydration and electrolytes", "the quick relief routine". */
  readonly title: string;
  /** The first answer: one calm breath, at most about 35 words. */
  readonly summary: Passage;
  /** "Tell me more", one part per request, in order. At least one. */
  readonly deeper: readonly Passage[];
  /** Offered when the deeper parts run out. Never the topic itself. */
  readonly related: TopicId;
}

/** A timed silence inside a routine step, in seconds (at most MAX_BREAK_SECONDS each; chain them for longer). */
export interface Hold {
  readonly pause: number;
}

/** One step of the quick relief routine. */
export interface RoutineStep {
  /** Spoken first: what to do, in words that work half-asleep. */
  readonly instruction: Passage;
  /**
   * What follows the instruction, in order: silences for doing it, with calm cues between them ("keep
   * holding"), so someone in pain need not talk. Empty for a step that is only words.
   */
  readonly guide: readonly (Hold | Passage)[];
}
