/**
 * What the classifier is trained on, built from the interaction model: every model sample; for slot
 * samples an `@slot` template plus a capped, deterministic set of literal substitutions (all values into the
 * bare `{slot}` sample, a few rotating values into the others); and the samples Alexa knows for its built-in
 * intents (interaction-models/source.ts AMAZON_BUILT_IN_SAMPLES) that no custom intent has.
 */
import type { InteractionModelJson } from '../interaction-models/generate';
import { AMAZON_BUILT_IN_SAMPLES } from '../interaction-models/source';
import { normaliseUtterance, SLOT_REFERENCE, slotReferences } from '../interaction-models/utterance';
import { withoutFillers } from './fillers';
import { slotEntities, surfaceForms } from './model';
import { canonicalWords } from './nlu-lexicon';

export interface TrainingDocument {
  readonly utterance: string;
  readonly intent: string;
}

/**
 * At most this many literal slot-value substitutions are trained (on top of one `@slot` template per
 * sample, which nlp.js matches after replacing recognised values). Keeps training fast.
 */
export const MAX_SLOT_EXPANSIONS = 600;

/** How many values each non-bare slot sample is expanded with (the bare `{cause}` sample gets them all). */
const VALUES_PER_SAMPLE = 4;

/** The training documents, as heard (normalised, fillers dropped), each phrasing once. */
export function trainingDocuments(model: InteractionModelJson): TrainingDocument[] {
  const { intents } = model.interactionModel.languageModel;
  const forms = new Map(slotEntities(model).map((e) => [e.slot, surfaceForms(e.type)]));
  const docs: TrainingDocument[] = [];
  const taken = new Set<string>();
  const add = (utterance: string, intent: string) => {
    const normal = withoutFillers(normaliseUtterance(utterance.replace(SLOT_REFERENCE, 'SLOT$1SLOT')).replace(/slot(\w+?)slot/g, '@$1'));
    if (!normal || taken.has(normal)) return;
    taken.add(normal);
    docs.push({ utterance: normal, intent });
  };

  let expansions = 0;
  for (const intent of intents) {
    intent.samples.forEach((sample, index) => {
      const refs = slotReferences(sample);
      add(sample, intent.name);
      if (refs.length === 0) return;
      const bare = sample.trim() === `{${refs[0]}}`;
      const values = forms.get(refs[0]!) ?? [];
      const count = bare ? values.length : Math.min(VALUES_PER_SAMPLE, values.length);
      for (let k = 0; k < count && expansions < MAX_SLOT_EXPANSIONS; k++) {
        const form = values[(index * VALUES_PER_SAMPLE + k) % values.length]!;
        add(sample.replace(`{${refs[0]}}`, form.text), intent.name);
        expansions++;
      }
    });
  }

  const customSamples = new Set(docs.map((d) => d.utterance));
  for (const [intent, samples] of Object.entries(AMAZON_BUILT_IN_SAMPLES)) {
    for (const sample of samples ?? []) {
      if (!customSamples.has(normaliseUtterance(sample))) add(sample, intent);
    }
  }
  return docs;
}

/** The documents with their words folded (nlu/nlu-lexicon.ts), each folded phrasing once per intent. */
export function canonicalDocuments(docs: readonly TrainingDocument[]): TrainingDocument[] {
  const seen = new Set<string>();
  return docs
    .map((doc) => ({ utterance: canonicalWords(doc.utterance), intent: doc.intent }))
    .filter((doc) => !seen.has(`${doc.intent}|${doc.utterance}`) && seen.add(`${doc.intent}|${doc.utterance}`));
}
