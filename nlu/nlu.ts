/**
 * A local stand-in for Alexa's NLU: an nlp.js classifier trained at start-up from
 * `interaction-models/<locale>.json`, so typed utterances (paraphrases too, not only exact samples)
 * become IntentRequests with slots and entity resolution the way Alexa would send them.
 *
 * How an utterance becomes an intent (each module's header says more):
 * 1. A spoken time ("at ten pm") is taken out and becomes the reminder's time slot (steps/reminder-time.ts).
 * 2. Normalise (interaction-models/utterance.ts); split words speech recognition ran together ("legcramp");
 *    drop filler words (fillers.ts) unless nothing else is left ("okay" alone is a Yes).
 * 3. Fold the words (nlu-lexicon.ts): "me shin's gone rock hard" is scored as "my leg is cramping", a
 *    partner's cramp as the listener's own. Samples are folded the same way when training
 *    (training-documents.ts).
 * 4. Score every intent with nlp.js's classifier (classifier.ts) and the nearest sample
 *    (nearest-sample.ts), blended (scoring.ts).
 * 5. The calibrated decision rule (decision-rule.ts) chooses an intent or AMAZON.FallbackIntent.
 * 6. The steps (understanding.ts runs them, steps/*.ts): a slot value said alone, help first (pain now is
 *    the relief routine), why-questions naming a cause, the first understood part of a longer request,
 *    words in a slot sample's place, a cause the article does not cover, a muscle correction.
 * 7. Slots (slot-filling.ts); a cause question naming no cause is the overview (steps/causeless-detail.ts).
 *
 * The numbers are calibrated, not guessed: `npx tsx nlu/tuning/calibrate-nlu.ts` scores the model's samples
 * by cross-validation and the tuning set (nlu/tuning/nlu-tuning-set.ts, off-topic phrasings included). The
 * held-out sets (tests/nlu/held-out.ts, tests/nlu/fresh-phrasings/held-out-*) are never used for calibration
 * or development: they only measure. `npx tsx nlu/tuning/fresh-phrasing-rates.ts` scores the development sets.
 *
 * Nothing is written to disk (no model file) and nothing is logged; training takes about a second.
 */
import type { InteractionModelJson } from '../interaction-models/generate';
import type { Locale } from '../interaction-models/source';
import { normaliseUtterance } from '../interaction-models/utterance';
import { BUILT_IN_INTENTS, MUSCLE_SLOT } from '../lambda/intents';
import { trainClassifier } from './classifier';
import { decide, DECISION_RULE, type DecisionRule } from './decision-rule';
import { withoutFillers } from './fillers';
import { intentSlots, loadModel, slotEntities } from './model';
import { NearestSamples } from './nearest-sample';
import { splitRunTogether } from './nlu-lexicon';
import { Scorer, type Ranking } from './scoring';
import { keywordValues, slotForms, slotTemplates } from './slot-values';
import { withReminderTime } from './steps/reminder-time';
import type { Knowledge, Turn } from './steps/step';
import { canonicalDocuments, trainingDocuments } from './training-documents';
import { understandTurn, type Understanding } from './understanding';
import { contentWordsOf, topicWordsOf, vocabularyOf } from './vocabulary';

/**
 * The skill id entity-resolution authorities name when the caller gives none (tests, tuning): the skill reads
 * only the authority's status and values, so any id will do. The simulation passes the skill's own.
 */
const UNNAMED_SKILL_ID = 'amzn1.ask.skill.local-nlu';

export interface LocalNlu {
  readonly locale: Locale;
  readonly documentCount: number;
  readonly trainingMs: number;
  /** The intent for one utterance, slots filled with entity resolution; AMAZON.FallbackIntent when nothing fits. */
  understand(utterance: string): Promise<Understanding>;
  /** The scored candidates behind `understand`, for calibrating the decision rule. */
  rank(utterance: string): Promise<Ranking>;
}

export interface NluOptions {
  /** Used in the entity-resolution authority name, as Alexa does. */
  readonly skillId?: string;
  /** Train on this model instead of the locale's file (calibration's cross-validation). */
  readonly model?: InteractionModelJson;
  /** Decide with this rule instead of DECISION_RULE. */
  readonly rule?: DecisionRule;
}

/** A trained NLU's parts: how it hears an utterance (`hear`), and what its steps know (`knowledge`). */
export interface TrainedParts {
  readonly documentCount: number;
  readonly knowledge: Knowledge;
  /** The utterance heard, scored and decided: what the steps look at. */
  hear(utterance: string): Promise<Turn>;
  understand(utterance: string): Promise<Understanding>;
  rank(utterance: string): Promise<Ranking>;
}

/** Trains the NLU's parts for one model (the steps' tests use them one by one). */
export async function trainParts(model: InteractionModelJson, options: Omit<NluOptions, 'model'> = {}): Promise<TrainedParts> {
  const rule = options.rule ?? DECISION_RULE;
  const skillId = options.skillId ?? UNNAMED_SKILL_ID;
  const entities = slotEntities(model);
  // Intents are scored on canonical words (nlu/nlu-lexicon.ts): samples and utterances folded alike.
  const heardDocs = trainingDocuments(model);
  const docs = canonicalDocuments(heardDocs);
  const classifier = await trainClassifier(entities, docs);

  const slotsByIntent = intentSlots(model);
  const forms = slotForms(entities);
  const contentWords = (text: string) => contentWordsOf(text, classifier.stem);
  const vocabulary = vocabularyOf(docs, slotsByIntent, entities, classifier.stem);
  // Slot references stay whole ("@cause"); other words are stemmed.
  const stems = (text: string) =>
    text
      .split(/[\s']+/)
      .filter(Boolean)
      .map((w) => (w.startsWith('@') ? w : classifier.stem(w)));
  const scorer = new Scorer(classifier, new NearestSamples(docs, stems), forms, [...slotsByIntent.keys()], vocabulary);
  // Every word the model was trained on as said (for splitting run-together words).
  const rawWords = new Set(heardDocs.flatMap((d) => d.utterance.split(' ')).concat(forms.flatMap((f) => f.text.split(' '))));
  const heardText = (utterance: string) => splitRunTogether(withoutFillers(normaliseUtterance(utterance)), (word) => rawWords.has(word));
  const templates = slotTemplates(model);
  const keywordValue = keywordValues(model, entities, classifier.stem);

  const knowledge: Knowledge = {
    slotIntent: new Map([...slotsByIntent].flatMap(([intent, slotDefs]) => slotDefs.map((d) => [d.name, intent] as const))),
    templates,
    knownWords: vocabulary.all,
    contentWords,
    keywordValue,
    saysTopicWords: topicWordsOf(model, classifier.stem),
    muscleForms: forms.filter((form) => form.slot === MUSCLE_SLOT),
    decideAlone: async (text) => decide(scorer.rank(await scorer.score(text)), rule).intent,
  };
  const filling = {
    skillId,
    intentSlots: slotsByIntent,
    templates,
    valueNames: new Map(entities.flatMap((e) => e.type.values.map((v) => [`${e.slot}:${v.id}`, v.name.value] as const))),
    keywordValue,
    classifier,
  };
  const hearScored = async (utterance: string) => {
    const text = heardText(utterance);
    const scores = await scorer.score(text);
    const ranking = scorer.rank(scores);
    const decision = text ? decide(ranking, rule) : { intent: BUILT_IN_INTENTS.fallback, score: 0, lead: 0 };
    return { turn: { text, canonical: scores.canonical, ranking, exact: scores.exact, decision }, nlpIntent: scores.result.intent };
  };
  const understandWords = async (words: string) => {
    const { turn, nlpIntent } = await hearScored(words);
    return understandTurn(turn, knowledge, filling, nlpIntent);
  };
  return {
    documentCount: docs.length,
    knowledge,
    hear: async (utterance) => (await hearScored(utterance)).turn,
    understand: (utterance) => withReminderTime(utterance, understandWords),
    rank: async (utterance) => scorer.rank(await scorer.score(heardText(utterance))),
  };
}

/** Trains the NLU for one locale. Fast (about a second for en-US); silent; writes no file. */
export async function trainNlu(locale: Locale, options: NluOptions = {}): Promise<LocalNlu> {
  const started = Date.now();
  const parts = await trainParts(options.model ?? loadModel(locale), options);
  return { locale, documentCount: parts.documentCount, trainingMs: Date.now() - started, understand: parts.understand, rank: parts.rank };
}
