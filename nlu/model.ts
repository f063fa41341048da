/**
 * The interaction model as the NLU reads it: the locale's generated JSON, its slots and their types, and
 * every way a slot value can be said.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { InteractionModelJson, SlotTypeJson } from '../interaction-models/generate';
import { LOCALES, type Locale } from '../interaction-models/source';
import { normaliseUtterance } from '../interaction-models/utterance';

export class UnknownLocaleError extends Error {
  constructor(locale: string, options?: { cause?: unknown }) {
    super(`Unknown locale ${locale}: expected one of ${LOCALES.join(', ')}`, options);
    this.name = 'UnknownLocaleError';
  }
}

export function modelFile(locale: Locale): string {
  return path.join(__dirname, '..', 'interaction-models', `${locale}.json`);
}

export function loadModel(locale: Locale): InteractionModelJson {
  if (!LOCALES.includes(locale)) throw new UnknownLocaleError(locale);
  return JSON.parse(fs.readFileSync(modelFile(locale), 'utf8')) as InteractionModelJson;
}

export interface SlotEntity {
  /** The slot (and nlp.js entity) name, e.g. `cause`. */
  readonly slot: string;
  readonly type: SlotTypeJson;
}

/** The slots of the model and their types, one nlp.js entity per slot name. */
export function slotEntities(model: InteractionModelJson): SlotEntity[] {
  const { intents, types } = model.interactionModel.languageModel;
  const bySlot = new Map<string, SlotEntity>();
  for (const intent of intents) {
    for (const slot of intent.slots ?? []) {
      const type = types.find((t) => t.name === slot.type);
      if (type && !bySlot.has(slot.name)) bySlot.set(slot.name, { slot: slot.name, type });
    }
  }
  return [...bySlot.values()];
}

/** One way a slot value is said: a value or synonym, normalised. */
export interface SurfaceForm {
  readonly text: string;
  readonly id: string;
  /** The value's own name (what entity resolution reports). */
  readonly name: string;
}

/** Every way a slot value can be said: its name and synonyms, de-duplicated, in model order. */
export function surfaceForms(type: SlotTypeJson): SurfaceForm[] {
  const seen = new Set<string>();
  const forms: SurfaceForm[] = [];
  for (const value of type.values) {
    for (const text of [value.name.value, ...value.name.synonyms]) {
      const normal = normaliseUtterance(text);
      if (normal && !seen.has(normal)) {
        seen.add(normal);
        forms.push({ text: normal, id: value.id, name: value.name.value });
      }
    }
  }
  return forms;
}

/** A slot an intent takes: its name and type. */
export interface SlotDefinition {
  readonly name: string;
  readonly type: string;
}

/** Every intent of the model, in model order, with the slots it takes. */
export function intentSlots(model: InteractionModelJson): Map<string, SlotDefinition[]> {
  return new Map(model.interactionModel.languageModel.intents.map((i) => [i.name, (i.slots ?? []).map((s) => ({ name: s.name, type: s.type }))]));
}
