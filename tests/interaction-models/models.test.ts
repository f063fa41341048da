/**
 * The interaction models: generated from interaction-models/source.ts, checked against Amazon's
 * sample and invocation-name rules, and guarded against drift between source and the JSON on disk.
 */
import * as fs from 'fs';
import { buildModel, modelPath, renderModel, samplesByIntent } from '../../interaction-models/generate';
import type { InteractionModelJson } from '../../interaction-models/generate';
import { BUILT_IN_INTENT_SAMPLES, CUSTOM_INTENT_SAMPLES, INVOCATION_NAME, LOCALES, type Locale } from '../../interaction-models/source';
import { normaliseSample as normalise } from '../../interaction-models/utterance';
import { BUILT_IN_INTENTS, CAUSE_SLOT, CAUSE_SLOT_TYPE, CUSTOM_INTENTS } from '../../lambda/intents';
import { CAUSE_IDS } from '../../lambda/content/types';

const BRITISH_LOCALES: readonly Locale[] = ['en-GB', 'en-AU', 'en-IN'];
const BASE_LOCALES: readonly Locale[] = ['en-US', 'en-CA'];

const lm = (locale: Locale) => buildModel(locale).interactionModel.languageModel;

/** slot type name → every spoken form (value and synonyms), for one locale. */
function spokenFormsByType(locale: Locale): Map<string, string[]> {
  return new Map(
    lm(locale).types.map((t) => [t.name, t.values.flatMap((v) => [v.name.value, ...v.name.synonyms])]),
  );
}

function causeSynonyms(locale: Locale, id: string): string[] {
  const type = lm(locale).types.find((t) => t.name === CAUSE_SLOT_TYPE);
  const value = type?.values.find((v) => v.id === id);
  return value ? [value.name.value, ...value.name.synonyms] : [];
}

/** One word of a sample: a word (apostrophes inside), a spelled letter ("g."), or a slot reference. */
const TOKEN = /^(?:[a-z]+(?:'[a-z]+)*|[a-z]\.|\{[A-Za-z_]+\})$/;
/** One word of a slot value: as above, without slot references. */
const VALUE_TOKEN = /^(?:[a-z]+(?:'[a-z]+)*|[a-z]\.)$/;

describe.each(LOCALES)('interaction model %s', (locale) => {
  const model = lm(locale);
  const samples = samplesByIntent(locale);

  test('the JSON on disk is exactly what generate.ts builds (run `npm run models`)', () => {
    const file = modelPath(locale);
    expect(fs.existsSync(file)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(buildModel(locale));
    expect(text).toBe(renderModel(locale));
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('the invocation name follows Amazon rules', () => {
    const name = model.invocationName;
    expect(name).toBe(INVOCATION_NAME);
    expect(name).toMatch(/^[a-z]+(?: [a-z]+)+$/); // two or more words, lower-case letters and single spaces
    const forbidden = ['alexa', 'amazon', 'echo', 'skill', 'app', 'launch', 'ask', 'open', 'tell', 'load', 'begin', 'enable'];
    const words = name.split(' ');
    for (const word of forbidden) {
      expect(words).not.toContain(word);
      expect(name).not.toContain(word);
    }
  });

  test('every custom intent is declared', () => {
    const names = model.intents.map((i) => i.name);
    for (const intent of Object.values(CUSTOM_INTENTS)) expect(names).toContain(intent);
  });

  test('every required built-in intent is declared', () => {
    const names = model.intents.map((i) => i.name);
    for (const intent of Object.values(BUILT_IN_INTENTS)) expect(names).toContain(intent);
    for (const required of [
      'AMAZON.HelpIntent',
      'AMAZON.StopIntent',
      'AMAZON.CancelIntent',
      'AMAZON.FallbackIntent',
      'AMAZON.NavigateHomeIntent',
      'AMAZON.NextIntent',
      'AMAZON.PreviousIntent',
      'AMAZON.RepeatIntent',
      'AMAZON.StartOverIntent',
      'AMAZON.YesIntent',
      'AMAZON.NoIntent',
    ]) {
      expect(names).toContain(required);
    }
  });

  test('no intent is declared twice and only known intents are declared', () => {
    const names = model.intents.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    const known = new Set<string>([...Object.values(CUSTOM_INTENTS), ...Object.values(BUILT_IN_INTENTS)]);
    for (const name of names) expect(known.has(name)).toBe(true);
  });

  test('AMAZON.FallbackIntent has no samples', () => {
    expect(samples.get(BUILT_IN_INTENTS.fallback)).toEqual([]);
  });

  test.each(Object.values(CUSTOM_INTENTS))('%s has at least 25 samples', (intent) => {
    expect((samples.get(intent) ?? []).length).toBeGreaterThanOrEqual(25);
  });

  test('no sample is claimed by two intents', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [intent, list] of samples) {
      for (const sample of list) {
        const key = normalise(sample);
        const previous = owner.get(key);
        if (previous !== undefined && previous !== intent) clashes.push(`"${key}": ${previous} and ${intent}`);
        owner.set(key, intent);
      }
    }
    expect(clashes).toEqual([]);
  });

  test('no sample of one intent equals a slot-expanded sample of another', () => {
    const forms = spokenFormsByType(locale);
    const owner = new Map<string, string>();
    for (const [intent, list] of samples) for (const s of list) if (!s.includes('{')) owner.set(normalise(s), intent);
    const clashes: string[] = [];
    for (const intent of model.intents) {
      const slotTypes = new Map((intent.slots ?? []).map((s) => [s.name, s.type]));
      for (const sample of intent.samples) {
        const refs = [...sample.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        if (refs.length !== 1) continue; // one-slot carriers are the ones that can collide
        const slot = refs[0];
        for (const form of forms.get(slotTypes.get(slot) ?? '') ?? []) {
          const expanded = normalise(sample.replace(`{${slot}}`, form));
          const other = owner.get(expanded);
          if (other !== undefined && other !== intent.name) clashes.push(`"${expanded}": ${intent.name} and ${other}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  test('CauseDetailIntent carriers never collide with CausesOverviewIntent', () => {
    const overview = new Set((samples.get(CUSTOM_INTENTS.causesOverview) ?? []).map(normalise));
    const wildcard = (samples.get(CUSTOM_INTENTS.causeDetail) ?? []).filter((s) => s !== `{${CAUSE_SLOT}}`);
    const clashes: string[] = [];
    for (const carrier of wildcard) {
      const escaped = carrier.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      const pattern = new RegExp(`^${escaped.replace(`{${CAUSE_SLOT}}`, '.+')}$`);
      for (const o of overview) if (pattern.test(o)) clashes.push(`"${carrier}" matches "${o}"`);
    }
    expect(clashes).toEqual([]);
  });

  test('samples follow Amazon formatting rules', () => {
    const problems: string[] = [];
    for (const [intent, list] of samples) {
      for (const sample of list) {
        const words = sample.split(' ');
        if (sample !== normalise(sample)) problems.push(`${intent}: not normalised "${sample}"`);
        if (/\d/.test(sample)) problems.push(`${intent}: digit in "${sample}"`);
        if (words.length > 20) problems.push(`${intent}: longer than 20 words "${sample}"`);
        for (const word of words) if (!TOKEN.test(word)) problems.push(`${intent}: bad word "${word}" in "${sample}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every {slot} reference names a slot the intent declares, and every declared slot is used', () => {
    const problems: string[] = [];
    for (const intent of model.intents) {
      const declared = new Set((intent.slots ?? []).map((s) => s.name));
      const used = new Set<string>();
      for (const sample of intent.samples) {
        for (const m of sample.matchAll(/\{([^}]*)\}/g)) {
          used.add(m[1]);
          if (!declared.has(m[1])) problems.push(`${intent.name}: undeclared slot {${m[1]}} in "${sample}"`);
        }
        if (/[{}]/.test(sample.replace(/\{[^{}]*\}/g, ''))) problems.push(`${intent.name}: unbalanced braces "${sample}"`);
      }
      for (const slot of declared) if (!used.has(slot)) problems.push(`${intent.name}: slot ${slot} never used`);
    }
    expect(problems).toEqual([]);
  });

  test('CauseDetailIntent takes the cause slot of type CrampCause in varied carriers, never alone', () => {
    const detail = model.intents.find((i) => i.name === CUSTOM_INTENTS.causeDetail);
    expect(detail?.slots).toEqual([{ name: CAUSE_SLOT, type: CAUSE_SLOT_TYPE, samples: [] }]);
    const list = samples.get(CUSTOM_INTENTS.causeDetail) ?? [];
    // A slot-only sample lets any short reply ("ready", "not yet") fill the slot.
    expect(list).not.toContain('{cause}');
    expect(list.filter((s) => s.includes('{cause}')).length).toBeGreaterThanOrEqual(25);
    for (const carrier of ['why do {cause} cause cramps', 'can {cause} give me leg cramps', 'tell me about {cause}', 'do {cause} cause charley horses']) {
      expect(list).toContain(carrier);
    }
  });

  test('every slot type a slot uses is declared, and every declared type is used', () => {
    const declared = model.types.map((t) => t.name);
    const used = new Set(model.intents.flatMap((i) => (i.slots ?? []).map((s) => s.type)));
    for (const type of used) if (!type.startsWith('AMAZON.')) expect(declared).toContain(type);
    for (const type of declared) expect(used.has(type)).toBe(true);
  });

  test('CrampCause has exactly one value per CAUSE_ID', () => {
    const type = model.types.find((t) => t.name === CAUSE_SLOT_TYPE);
    expect(type).toBeDefined();
    expect(type!.values.map((v) => v.id)).toEqual([...CAUSE_IDS]);
  });

  test('slot values are well formed and each spoken form resolves to one id only', () => {
    const owner = new Map<string, string>();
    const problems: string[] = [];
    for (const type of model.types) {
      for (const v of type.values) {
        for (const form of [v.name.value, ...v.name.synonyms]) {
          if (form !== normalise(form)) problems.push(`${v.id}: not normalised "${form}"`);
          for (const word of form.split(' ')) if (!VALUE_TOKEN.test(word)) problems.push(`${v.id}: bad word "${word}"`);
          const previous = owner.get(form);
          if (previous !== undefined) problems.push(`"${form}" under ${previous} and ${v.id}`);
          owner.set(form, v.id);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test.each<[string, string[]]>([
    ['DEHYDRATION', ['dehydration', 'not drinking enough water', 'electrolytes']],
    ['EXERCISE', ['too much exercise', 'running', 'workout']],
    ['BLOOD_FLOW', ['p. a. d.', 'peripheral arterial disease', 'poor circulation']],
    ['MEDICAL_CONDITIONS', ['diabetes', "parkinson's", 'kidney failure', 'thyroid']],
    ['MINERAL_DEFICIENCY', ['potassium', 'magnesium', 'calcium']],
    ['MEDICATIONS', ['water pills', 'diuretics', 'statins', 'asthma medication']],
    ['PREGNANCY', ['being pregnant', 'pregnancy']],
    ['INACTIVITY', ['sitting too long', 'sedentary lifestyle']],
    ['FOOTWEAR', ['high heels', 'shoes']],
    ['SLEEP_POSITION', ['sleeping position', 'toes pointing down']],
    ['AGE', ['getting older', 'old age']],
  ])('%s has the required synonyms', (id, required) => {
    const forms = causeSynonyms(locale, id);
    for (const r of required) expect(forms).toContain(r);
  });

  test('the model stays a sane size', () => {
    const bytes = Buffer.byteLength(renderModel(locale), 'utf8');
    expect(bytes).toBeLessThan(100 * 1024);
    const total = [...samples.values()].reduce((n, l) => n + l.length, 0);
    expect(total).toBeLessThan(2000);
  });
});

describe('all locales', () => {
  const shape = (m: InteractionModelJson) => ({
    intents: m.interactionModel.languageModel.intents.map((i) => ({ name: i.name, slots: i.slots })),
    types: m.interactionModel.languageModel.types.map((t) => ({ name: t.name, ids: t.values.map((v) => v.id) })),
    invocationName: m.interactionModel.languageModel.invocationName,
  });

  test('the five locales are generated', () => {
    expect([...LOCALES].sort()).toEqual(['en-AU', 'en-CA', 'en-GB', 'en-IN', 'en-US']);
  });

  test('share the same intents, slots, slot types and value ids', () => {
    const reference = shape(buildModel('en-US'));
    for (const locale of LOCALES) expect(shape(buildModel(locale))).toEqual(reference);
  });

  test('every locale keeps every base sample and synonym (locales only add)', () => {
    const base = samplesByIntent('en-US');
    for (const locale of LOCALES) {
      const s = samplesByIntent(locale);
      for (const [intent, list] of base) for (const sample of list) expect(s.get(intent)).toContain(sample);
      for (const id of CAUSE_IDS) {
        const forms = causeSynonyms(locale, id);
        for (const f of causeSynonyms('en-US', id)) expect(forms).toContain(f);
      }
    }
  });

  test('british-english locales say "g. p." and "trainers"; en-US and en-CA keep the base', () => {
    for (const locale of BRITISH_LOCALES) {
      expect(samplesByIntent(locale).get(CUSTOM_INTENTS.seeADoctor)).toContain('when should i see my g. p.');
      expect(causeSynonyms(locale, 'FOOTWEAR')).toContain('trainers');
    }
    for (const locale of BASE_LOCALES) {
      const all = [...samplesByIntent(locale).values()].flat();
      expect(all.some((s) => s.includes('g. p.'))).toBe(false);
      expect(causeSynonyms(locale, 'FOOTWEAR')).not.toContain('trainers');
      expect(buildModel(locale)).toEqual(buildModel('en-US')); // en-CA is identical to en-US
    }
  });

  test('the source has no repeated sample within an intent', () => {
    const all = { ...CUSTOM_INTENT_SAMPLES, ...BUILT_IN_INTENT_SAMPLES } as Record<string, readonly string[]>;
    for (const [intent, list] of Object.entries(all)) {
      const normalised = list.map(normalise);
      expect({ intent, repeats: normalised.filter((s, i) => normalised.indexOf(s) !== i) }).toEqual({ intent, repeats: [] });
    }
  });
});
