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

export interface Classifier {
  /** nlp.js's classification of the words, with the slot values it recognised in them. */
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
  return {
    process: (text) => nlp.process('en', text),
    stem: (word) => stemmer.stemWord(word),
  };
}
