/**
 * Slots as Alexa sends them, for the intent understood: the value heard is the longest value or synonym
 * said whole; else nlp.js's near match; else the value whose distinctive words were said ("marathon" →
 * EXERCISE); else the words said in the slot's place, resolving to no value. A cause the article does not
 * cover and a muscle named in a correction come from the steps that heard them.
 */
import type { Slot } from 'ask-sdk-model';
import { CAUSE_SLOT, MUSCLE_SLOT } from '../lambda/intents';
import type { Classifier } from './classifier';
import type { SlotDefinition } from './model';
import { wordsInSlotPlace, type HeardValue, type KeywordValue, type SlotTemplate } from './slot-values';
import type { Reading, Turn } from './steps/step';

export interface SlotFilling {
  readonly skillId: string;
  readonly intentSlots: ReadonlyMap<string, readonly SlotDefinition[]>;
  readonly templates: ReadonlyMap<string, readonly SlotTemplate[]>;
  /** `slot:id` → the value's own name. */
  readonly valueNames: ReadonlyMap<string, string>;
  readonly keywordValue: KeywordValue;
  readonly classifier: Classifier;
}

export async function fillSlots({ intent, uncoveredCause, muscle }: Reading, { text, exact }: Pick<Turn, 'text' | 'exact'>, filling: SlotFilling): Promise<Record<string, Slot>> {
  const slots: Record<string, Slot> = {};
  for (const slotDef of filling.intentSlots.get(intent) ?? []) {
    const authority = `amzn1.er-authority.echo-sdk.${filling.skillId}.${slotDef.type}`;
    if (uncoveredCause && slotDef.name === CAUSE_SLOT) {
      slots[slotDef.name] = slotJson(slotDef.name, uncoveredCause, authority, undefined);
      continue;
    }
    if (muscle && slotDef.name === MUSCLE_SLOT) {
      slots[slotDef.name] = slotJson(slotDef.name, muscle.text, authority, { id: muscle.id, name: filling.valueNames.get(`${MUSCLE_SLOT}:${muscle.id}`) ?? muscle.id });
      continue;
    }
    // nlp.js's near matches of a value, in the words as said (only needed for an intent with a slot).
    const { entities } = await filling.classifier.process(text);
    const fuzzy = entities
      .filter((e) => e.entity === slotDef.name && e.option)
      .sort((a, b) => b.sourceText.length - a.sourceText.length)[0];
    const found: HeardValue | typeof fuzzy | undefined = exact?.slot === slotDef.name ? { sourceText: exact.text, option: exact.id } : (fuzzy ?? filling.keywordValue(slotDef.name, text));
    const heard = found?.sourceText ?? wordsInSlotPlace(text, filling.templates.get(intent) ?? [], slotDef.name);
    const match = found ? { id: found.option!, name: filling.valueNames.get(`${slotDef.name}:${found.option}`) ?? found.option! } : undefined;
    slots[slotDef.name] = slotJson(slotDef.name, heard, authority, match);
  }
  return slots;
}

/** A slot as Alexa sends it: no value, or the words heard with their entity resolution. */
export function slotJson(name: string, value: string | undefined, authority: string, match: { id: string; name: string } | undefined): Slot {
  if (value === undefined) return { name, confirmationStatus: 'NONE' };
  const resolution = match
    ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: match.name, id: match.id } }] }
    : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } };
  return { name, value, confirmationStatus: 'NONE', source: 'USER', resolutions: { resolutionsPerAuthority: [resolution] } } as unknown as Slot;
}
