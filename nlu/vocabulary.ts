/**
 * Which (stemmed) content words each intent was trained on. A classifier always picks *some* intent, so an
 * utterance whose words the chosen intent never saw ("what is the capital of france") is not its; and each
 * topic's own words tell a question about it from a plea that only resembles it.
 */
import type { InteractionModelJson } from '../interaction-models/generate';
import { normaliseUtterance, SLOT_REFERENCE } from '../interaction-models/utterance';
import { CUSTOM_INTENTS } from '../lambda/intents';
import { withoutFillers } from './fillers';
import { TOPIC_INTENTS } from './intent-kinds';
import { surfaceForms, type SlotDefinition, type SlotEntity } from './model';
import { canonicalWords } from './nlu-lexicon';
import type { TrainingDocument } from './training-documents';

/** Function words ignored when checking that an intent knows an utterance's words. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the i im me my mine you your it its is are am was were be been do does did doing what whats how why when where which who ' +
    'to of in on at for with and or so this that thats these those can could would should will shall please just about up get got ' +
    'tell some any there them they we us our if from by have has had s re m ll ve d t very really also then than too now right ok ' +
    'alexa hey oh um uh well'
  ).split(' '),
);

export type Stem = (word: string) => string;

/** The stemmed words of a text that are not function words. */
export function contentWordsOf(text: string, stem: Stem): string[] {
  return text
    .split(/[\s']+/)
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => stem(w));
}

/** The share of `words` that `known` holds (1 when there are none). */
export function coverage(words: readonly string[], known: ReadonlySet<string> | undefined): number {
  return words.length === 0 ? 1 : words.filter((w) => known?.has(w)).length / words.length;
}

export interface Vocabulary {
  /** Per intent, the content words its samples (and its slot values) hold. */
  readonly byIntent: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every content word the model knows. */
  readonly all: ReadonlySet<string>;
}

/** The content words of the training documents and of the slot values, per intent. */
export function vocabularyOf(
  docs: readonly TrainingDocument[],
  slotsByIntent: ReadonlyMap<string, readonly SlotDefinition[]>,
  entities: readonly SlotEntity[],
  stem: Stem,
): Vocabulary {
  const byIntent = new Map<string, Set<string>>();
  const all = new Set<string>();
  const learn = (intent: string, text: string) => {
    const words = byIntent.get(intent) ?? new Set<string>();
    for (const word of contentWordsOf(text.replace(/@\w+/g, ' '), stem)) {
      words.add(word);
      all.add(word);
    }
    byIntent.set(intent, words);
  };
  for (const doc of docs) learn(doc.intent, doc.utterance);
  for (const [intent, slotDefs] of slotsByIntent) {
    for (const slotDef of slotDefs) {
      const entity = entities.find((e) => e.slot === slotDef.name);
      for (const form of entity ? surfaceForms(entity.type) : []) {
        learn(intent, form.text);
        learn(intent, canonicalWords(form.text));
      }
    }
  }
  return { byIntent, all };
}

/**
 * Whether folded words say one of a topic intent's own words: those of its samples (slot values aside)
 * that no relief sample has ("why", "prevent", "doctor" ...).
 */
export type SaysTopicWords = (intent: string, canonical: string) => boolean;

export function topicWordsOf(model: InteractionModelJson, stem: Stem): SaysTopicWords {
  const cueWords = (text: string) =>
    text
      .split(/[\s']+/)
      .filter((w) => w && (w === 'why' || !STOPWORDS.has(w)))
      .map((w) => stem(w));
  const sampleWords = (intent: string) =>
    (model.interactionModel.languageModel.intents.find((i) => i.name === intent)?.samples ?? []).flatMap((sample) =>
      cueWords(canonicalWords(withoutFillers(normaliseUtterance(sample.replace(SLOT_REFERENCE, ' '))))),
    );
  const reliefWords = new Set(sampleWords(CUSTOM_INTENTS.reliefRoutine));
  const ownWords = new Map([...TOPIC_INTENTS].map((intent) => [intent, new Set(sampleWords(intent).filter((w) => !reliefWords.has(w)))]));
  return (intent, canonical) => cueWords(canonical).some((w) => ownWords.get(intent)?.has(w));
}
