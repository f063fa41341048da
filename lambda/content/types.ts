/**
 * The shapes of everything the skill says. Sentences live in the content modules beside this file,
 * never in handlers; each piece records the article section it was summarised from so a reviewer can
 * check it against `lambda/content/source/leg-cramps-article.txt`.
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

export const GENERAL_TOPIC_IDS = [
  'WHAT_ARE_THEY',
  'CAUSES',
  'PREVENTION',
  'TREATMENT',
  'SEE_A_DOCTOR',
  'RELIEF_ROUTINE',
] as const;
export type GeneralTopicId = (typeof GENERAL_TOPIC_IDS)[number];

export type TopicId = GeneralTopicId | CauseId;
export const TOPIC_IDS: readonly TopicId[] = [...GENERAL_TOPIC_IDS, ...CAUSE_IDS];

/**
 * Topics whose asking can reveal a health condition of someone in the home: a disease or diagnosis
 * (MEDICAL_CONDITIONS; BLOOD_FLOW, which is about poor circulation and peripheral arterial disease), a
 * pregnancy, or the medicines someone takes (MEDICATIONS: water pills for blood pressure, statins, asthma
 * medicines). The session follows them, but they are never stored (lambda/state/privacy.ts), so no later
 * session, heard by whoever opens the skill, can name them. Everyday circumstances (fluids, minerals in the
 * diet, exercise, inactivity, shoes, sleep position, age) and the general topics are not health conditions.
 */
export const HEALTH_CONDITION_TOPIC_IDS = ['MEDICAL_CONDITIONS', 'MEDICATIONS', 'PREGNANCY', 'BLOOD_FLOW'] as const satisfies readonly CauseId[];

/**
 * Where a cramp can be, as a listener names it ("my calf", "the back of my thigh"): step one of the relief
 * routine then gives only that muscle's stretch (content/routine.ts). Also the `CrampMuscle` slot value ids.
 * "Thigh" said without front or back is THIGH, whose stretch suits either side.
 */
export const MUSCLE_IDS = ['CALF', 'FOOT', 'THIGH', 'FRONT_OF_THIGH', 'BACK_OF_THIGH'] as const;
export type MuscleId = (typeof MUSCLE_IDS)[number];

/** Plain text (no SSML) with the article section(s) it summarises, or recorded as general first aid. */
export interface Passage {
  readonly text: string;
  /** The article sections that say it. Empty exactly when the passage is first aid. */
  readonly sections: readonly ArticleSection[];
  /**
   * General first-aid guidance rather than the article's words: how to carry out a step of the relief
   * routine now (which way to stretch, how slowly, to breathe, lying back with the toes up, a drink in the
   * night). The article gives none of it, so it cites no section; it makes no claim about cramps. The content
   * tests hold it to the vocabulary rules, not to the article's words, and the README lists every one.
   */
  readonly firstAid?: true;
}

export interface Topic {
  readonly id: TopicId;
  /** How the topic is named in a sentence: "dehydration and electrolytes", "the quick relief routine". */
  readonly title: string;
  /** The first answer: one calm breath, at most about 35 words. */
  readonly summary: Passage;
  /** "Tell me more", one part per request, in order. At least one. */
  readonly deeper: readonly Passage[];
  /** Offered when the deeper parts run out. Never the topic itself, nor the relief routine (see TOPICS in topics.ts). */
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
