/**
 * The nlp.js classifier: intents trained on folded words (nlu/nlu-lexicon.ts), slot values as nlp.js
 * entities matched nearly exactly. Silent and in memory: no model file, no log.
 */
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp, type NlpResult } from '@nlpjs/nlp';
import { normaliseUtterance } from '../interaction-models/utterance';
import type { SlotEntity } from './model';
import type { TrainingDocument } from './training-documents';

/** How close (1 = exact) typed words must be to a slot value or synonym to count as it. */
export const NER_THRESHOLD = 0.9;

/** nlp.js's name for "no intent". */
export const NONE = 'None';

/**
 * How many recent classifications are kept. One utterance asks for the same words more than once (its
 * intent, then its slots, often in the same words; a line with a time, then the line without it), and
 * nlp.js's near matching of slot values makes each call cost tens of milliseconds. nlp.js's answer depends on
 * the words alone, so a kept answer is the answer.
 */
export const KEPT_CLASSIFICATIONS = 256;

export interface Classifier {
  /** nlp.js's classification of the words, with the slot values it recognised in them (never to be changed). */
  process(text: string): Promise<NlpResult>;
  /** The English stemmer nlp.js classifies with. */
  stem(word: string): string;
}

export async function trainClassifier(entities: readonly SlotEntity[], docs: readonly TrainingDocument[]): Promise<Classifier> {
  const container = containerBootstrap();
  container.use(LangEn);
  const nlp = new Nlp(
    {
      languages: ['en'],
      autoSave: false,
      autoLoad: false,
      modelFileName: '',
      calculateSentiment: false,
      forceNER: true,
      nlu: { log: false, useNoneFeature: true },
      // Slot values must be said (nearly) exactly, as with Alexa: "waking" is not "walking".
      ner: { threshold: NER_THRESHOLD },
      // The decision rule (nlu/decision-rule.ts), not nlp.js's own threshold, decides what matches nothing.
      threshold: 0,
    },
    container,
  );
  for (const entity of entities) {
    for (const value of entity.type.values) {
      const texts = [...new Set([value.name.value, ...value.name.synonyms].map(normaliseUtterance))];
      nlp.addNerRuleOptionTexts('en', entity.slot, value.id, texts);
    }
  }
  for (const doc of docs) nlp.addDocument('en', doc.utterance, doc.intent);
  await nlp.train();
  const stemmer = container.get('stemmer-en') as { stemWord(word: string): string };
  const kept = new Map<string, Promise<NlpResult>>();
  return {
    process: (text) => {
      const known = kept.get(text);
      if (known) return known;
      const result = nlp.process('en', text);
      if (kept.size >= KEPT_CLASSIFICATIONS) kept.delete(kept.keys().next().value!);
      kept.set(text, result);
      return result;
    },
    stem: (word) => stemmer.stemWord(word),
  };
}
