/**
 * Finding slot values in the words as said (never in folded words, so folding never changes the cause
 * named): a value or synonym said whole, or a value's distinctive words, and the slot samples' patterns
 * for words said in a slot's place.
 */
import type { InteractionModelJson } from '../interaction-models/generate';
import { normaliseUtterance, samplePattern, SLOT_REFERENCE, slotReferences } from '../interaction-models/utterance';
import { surfaceForms, type SlotEntity, type SurfaceForm } from './model';
import { contentWordsOf, type Stem } from './vocabulary';

/** A value or synonym said whole, and where. */
export interface ExactValue {
  readonly slot: string;
  readonly id: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type SlotForm = SurfaceForm & { readonly slot: string };

/** Every value and synonym of every slot, longest first. */
export function slotForms(entities: readonly SlotEntity[]): SlotForm[] {
  return entities.flatMap((e) => surfaceForms(e.type).map((f) => ({ ...f, slot: e.slot }))).sort((a, b) => b.text.length - a.text.length);
}

/** The longest value or synonym said whole (on word boundaries) in the words. */
export function exactValueIn(text: string, forms: readonly SlotForm[]): ExactValue | undefined {
  const padded = ` ${text} `;
  for (const form of forms) {
    const at = padded.indexOf(` ${form.text} `);
    if (at >= 0) return { slot: form.slot, id: form.id, text: form.text, start: at, end: at + form.text.length };
  }
  return undefined;
}

/** A value heard in the words, as nlp.js's entities name it: the words said and the value's id. */
export interface HeardValue {
  readonly sourceText: string;
  readonly option: string;
}

/**
 * Words too common to name a cause on their own (stemmed): "not having enough fluids" is about fluids, not
 * "having" a baby; "not moving much" is about moving, not "not drinking much water".
 */
const LIGHT_WORDS: ReadonlySet<string> = new Set('have be get do go not too much lot all day enough more less some way'.split(' '));

/**
 * A value's distinctive words: those of its names and synonyms that no carrier sample of the slot's
 * intent uses, each going to the value most of its forms belong to ("water": three dehydration forms,
 * two "water pills") and to none on a tie. Entity resolution falls back on them when no value was said
 * whole, as Alexa resolves near-synonyms: "i ran a marathon could that be why" → EXERCISE.
 */
export type KeywordValue = (slot: string, text: string) => HeardValue | undefined;

export function keywordValues(model: InteractionModelJson, entities: readonly SlotEntity[], stem: Stem): KeywordValue {
  const contentWords = (text: string) => contentWordsOf(text, stem);
  const carrierWords = new Set(
    model.interactionModel.languageModel.intents.flatMap((i) => (i.slots?.length ? i.samples.flatMap((sample) => contentWords(normaliseUtterance(sample.replace(SLOT_REFERENCE, ' ')))) : [])),
  );
  const keywordValue = new Map<string, Map<string, { id: string; weight: number }>>();
  for (const entity of entities) {
    const counts = new Map<string, Map<string, number>>();
    for (const form of surfaceForms(entity.type)) {
      for (const word of new Set(contentWords(form.text))) {
        if (carrierWords.has(word) || LIGHT_WORDS.has(word)) continue;
        const perId = counts.get(word) ?? new Map<string, number>();
        counts.set(word, perId.set(form.id, (perId.get(form.id) ?? 0) + 1));
      }
    }
    const values = new Map<string, { id: string; weight: number }>();
    for (const [word, perId] of counts) {
      const [first, second] = [...perId].sort((a, b) => b[1] - a[1]);
      const forms = [...perId.values()].reduce((sum, n) => sum + n, 0);
      // A word weighs by how purely it names its value and how rare it is among the forms: "desk" (two
      // forms, both inactivity) outweighs "all" and "day" ("sitting all day", "standing all day").
      if (first && first[1] !== second?.[1]) values.set(word, { id: first[0], weight: first[1] / forms / Math.sqrt(forms) });
    }
    keywordValue.set(entity.slot, values);
  }
  return (slot, text) => {
    const votes = new Map<string, { weight: number; words: string[] }>();
    for (const raw of text.split(' ')) {
      const value = contentWords(raw).map((w) => keywordValue.get(slot)?.get(w)).find(Boolean);
      if (!value) continue;
      const vote = votes.get(value.id) ?? { weight: 0, words: [] };
      votes.set(value.id, { weight: vote.weight + value.weight, words: [...vote.words, raw] });
    }
    const [first, second] = [...votes].sort((a, b) => b[1].weight - a[1].weight);
    if (!first || (second && second[1].weight === first[1].weight)) return undefined;
    return { option: first[0], sourceText: first[1].words.join(' ') };
  };
}

export interface SlotTemplate {
  readonly regex: RegExp;
  readonly slot: string;
}

/** Each intent's one-slot samples as patterns (`tell me about {cause}` → /^tell me about (.+?)$/), longest first. */
export function slotTemplates(model: InteractionModelJson): Map<string, SlotTemplate[]> {
  const result = new Map<string, SlotTemplate[]>();
  for (const intent of model.interactionModel.languageModel.intents) {
    const templates: SlotTemplate[] = [];
    for (const sample of intent.samples) {
      const refs = slotReferences(sample);
      if (refs.length !== 1) continue;
      // The bare `{slot}` sample would take any words at all.
      if (sample.split(`{${refs[0]}}`).every((part) => !normaliseUtterance(part))) continue;
      templates.push({ regex: samplePattern(sample, () => '(.+?)'), slot: refs[0]! });
    }
    templates.sort((a, b) => b.regex.source.length - a.regex.source.length);
    if (templates.length > 0) result.set(intent.name, templates);
  }
  return result;
}

/** The words said in the slot's place ("tell me about gout" → "gout"). */
export function wordsInSlotPlace(text: string, templates: readonly SlotTemplate[], slot: string): string | undefined {
  for (const template of templates) {
    if (template.slot !== slot) continue;
    const match = template.regex.exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
