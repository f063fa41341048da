/**
 * A local stand-in for Alexa's NLU: an nlp.js classifier trained at start-up from
 * `interaction-models/<locale>.json`, so typed utterances (paraphrases too, not only exact samples)
 * become IntentRequests with slots and entity resolution the way Alexa would send them.
 *
 * How an utterance becomes an intent:
 * 1. Normalise, and drop filler words ("um", "alexa", "okay ..." at the ends, "please", "thanks") unless
 *    nothing else is left ("okay" alone is a Yes).
 * 2. Score every intent twice: nlp.js's classifier (softmax-like, sums to 1, with a None class that
 *    unknown words feed), and the nearest sample (cosine similarity of IDF-weighted stems, shared out
 *    among intents). A candidate's score is the even blend; when nlp.js abstains (None alone, which it
 *    does for long wordy questions) the nearest sample decides alone.
 * 3. The decision rule (DECISION_RULE): take the best-scoring intent whose samples hold enough of the
 *    content words (a custom intent minIntentCoverage of them, a built-in minBuiltInCoverage, so "how can i
 *    stop cramps at night" is never Stop) if
 *      - its score is at least minTopScore (the floor), and
 *      - it leads the next candidate, None included, by at least minLead (a split "relief 0.50 vs
 *        prevention 0.48" is not clear; "relief 0.50 vs prevention 0.30" is, whatever the absolute score),
 *      - its nearest sample is at least minSimilarity alike, and at least minKnownShare of the content
 *        words appear anywhere in the model.
 *    Unknown words ("hamstring", "arvo") only lower the scores through nlp.js's None class and the
 *    similarity: they never veto an otherwise clear match. Anything else is AMAZON.FallbackIntent, except
 *    unknown words in a slot sample's place ("tell me about gout"), which fill the slot as Alexa does.
 * 4. Slots: the longest value or synonym said whole; else nlp.js's near match; else the value whose
 *    distinctive words were said ("marathon" → EXERCISE). A value said alone is that cause.
 *
 * The numbers are calibrated, not guessed: `npx tsx local/calibrate-nlu.ts` scores the model's samples by
 * cross-validation and the tuning set (local/nlu-tuning-set.ts, off-topic phrasings included) and picks
 * the rule with the best on-topic utility (relief counting double, a wrong intent costing more than a
 * Fallback), the strictest among near-ties. Rerun it after changing the samples. The held-out set
 * (tests/local/held-out.ts) is never used for calibration: it only measures.
 *
 * Nothing is written to disk (no model file) and nothing is logged; training takes about a second.
 */
import * as fs from 'fs';
import * as path from 'path';
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp, type NlpResult } from '@nlpjs/nlp';
import type { Intent, Slot } from 'ask-sdk-model';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS, type BuiltInIntentName } from '../lambda/intents';
import type { InteractionModelJson, SlotTypeJson } from '../interaction-models/generate';
import { LOCALES, type Locale } from '../interaction-models/source';
import { DEFAULT_SKILL_ID } from './envelope';
import { NearestSamples } from './nearest-sample';

export { LOCALES, type Locale };

/**
 * The decision rule's calibrated numbers (local/calibrate-nlu.ts; the file header explains the rule): the
 * best eligible candidate's blended score must reach `minTopScore` and lead the runner-up by `minLead`.
 */
export interface DecisionRule {
  readonly minTopScore: number;
  readonly minLead: number;
  /** The share of content words the model must know at all. */
  readonly minKnownShare: number;
  /** How close the chosen intent's nearest sample must be (cosine, 0..1). */
  readonly minSimilarity: number;
  /** The share of content words a custom intent's samples must hold for it to be chosen. */
  readonly minIntentCoverage: number;
  /** The same for a built-in intent: higher, so "how can i stop cramps at night" is not Stop. */
  readonly minBuiltInCoverage: number;
}

export const DECISION_RULE: DecisionRule = { minTopScore: 0.15, minLead: 0.1, minKnownShare: 0.34, minIntentCoverage: 0.34, minBuiltInCoverage: 1, minSimilarity: 0.2 };

/** A candidate's score: this share from the nearest sample, the rest from nlp.js's classifier. */
export const SIMILARITY_WEIGHT = 0.5;
/** Nearest-sample similarities are raised to this power before they are shared out among the intents. */
export const SIMILARITY_SHARPNESS = 4;

/** How close (1 = exact) typed words must be to a slot value or synonym to count as it. */
export const NER_THRESHOLD = 0.9;

/**
 * At most this many literal slot-value substitutions are trained (on top of one `@slot` template per
 * sample, which nlp.js matches after replacing recognised values). Keeps training fast.
 */
export const MAX_SLOT_EXPANSIONS = 600;

/** How many values each non-bare slot sample is expanded with (the bare `{cause}` sample gets them all). */
const VALUES_PER_SAMPLE = 4;

/**
 * Samples for Amazon's built-in intents, which Alexa understands without any in the model. Any sample a
 * custom intent already has (e.g. "go on", "continue", "speak up") is dropped when training.
 */
export const BUILT_IN_SAMPLES: Readonly<Partial<Record<BuiltInIntentName, readonly string[]>>> = {
  [BUILT_IN_INTENTS.yes]: [
    'yes', 'yeah', 'yep', 'yup', 'sure', 'okay', 'ok', 'okay please', 'yes please', 'yes i would', 'yes i do',
    'sure thing', 'please do', 'sounds good', 'alright', 'all right', 'of course', 'i would', 'go ahead', 'definitely',
    "yes let's do that", 'why not',
  ],
  [BUILT_IN_INTENTS.no]: [
    'no', 'nope', 'nah', 'no thanks', 'no thank you', 'not now', 'not really', "no i'm good", "i'm good", 'no i would not',
    "no i don't", 'not at the moment', 'maybe later',
  ],
  [BUILT_IN_INTENTS.stop]: [
    'stop', 'goodbye', 'bye', 'bye bye', 'good night', 'goodnight', "that's all", 'that is all', "that's it", 'exit', 'quit',
    "i'm done", "i'm finished", 'enough', 'be quiet', 'shut up', 'off', 'stop talking', "i'm going back to sleep",
  ],
  [BUILT_IN_INTENTS.cancel]: ['cancel', 'never mind', 'nevermind', 'cancel that', 'cancel it', 'forget about it'],
  [BUILT_IN_INTENTS.help]: [
    'help', 'help please', 'i need help', 'what can you do', 'what can i say', 'what can i ask you', 'what can i ask',
    'how does this work', 'how do i use this', 'what are my options', 'instructions', 'what do you do',
  ],
  [BUILT_IN_INTENTS.next]: ['next', 'next step', 'next one', 'the next step', 'go to the next step', "what's next", 'skip', 'skip this step', 'move on', "i'm ready", 'ready', 'done'],
  [BUILT_IN_INTENTS.previous]: ['previous', 'previous step', 'go back', 'back', 'the step before', 'last step', 'go back a step', 'previous one'],
  [BUILT_IN_INTENTS.repeat]: ['repeat', 'repeat that', 'say that again', 'again', 'repeat please', 'come again', 'pardon', 'what did you say', 'one more time', 'can you repeat that'],
  [BUILT_IN_INTENTS.startOver]: ['start over', 'start again', 'restart', 'from the beginning', 'start from the beginning', 'begin again', 'start over please'],
  [BUILT_IN_INTENTS.navigateHome]: ['go home', 'home', 'main menu', 'go to the start'],
};

/** Lower case, apostrophes straightened, other punctuation gone ("p. a. d." → "p a d"), spaces collapsed. */
export function normaliseUtterance(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface TrainingDocument {
  readonly utterance: string;
  readonly intent: string;
}

export interface SlotEntity {
  /** The slot (and nlp.js entity) name, e.g. `cause`. */
  readonly slot: string;
  readonly type: SlotTypeJson;
}

export function modelFile(locale: Locale): string {
  return path.join(__dirname, '..', 'interaction-models', `${locale}.json`);
}

export function loadModel(locale: Locale): InteractionModelJson {
  if (!LOCALES.includes(locale)) throw new Error(`Unknown locale ${locale}: expected one of ${LOCALES.join(', ')}`);
  return JSON.parse(fs.readFileSync(modelFile(locale), 'utf8')) as InteractionModelJson;
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

/** Every way a slot value can be said: its name and synonyms, de-duplicated, in model order. */
function surfaceForms(type: SlotTypeJson): { text: string; id: string; name: string }[] {
  const seen = new Set<string>();
  const forms: { text: string; id: string; name: string }[] = [];
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

const SLOT_REF = /\{(\w+)\}/g;

/**
 * What the classifier is trained on: every model sample; for slot samples an `@slot` template plus a
 * capped, deterministic set of literal substitutions (all values into the bare `{slot}` sample, a few
 * rotating values into the others); and the built-in intents' samples that no custom intent has.
 */
export function trainingDocuments(model: InteractionModelJson): TrainingDocument[] {
  const { intents } = model.interactionModel.languageModel;
  const forms = new Map(slotEntities(model).map((e) => [e.slot, surfaceForms(e.type)]));
  const docs: TrainingDocument[] = [];
  const taken = new Set<string>();
  const add = (utterance: string, intent: string) => {
    const normal = withoutFillers(normaliseUtterance(utterance.replace(SLOT_REF, 'SLOT$1SLOT')).replace(/slot(\w+?)slot/g, '@$1'));
    if (!normal || taken.has(normal)) return;
    taken.add(normal);
    docs.push({ utterance: normal, intent });
  };

  let expansions = 0;
  for (const intent of intents) {
    intent.samples.forEach((sample, index) => {
      const refs = [...sample.matchAll(SLOT_REF)].map((m) => m[1]!);
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
  for (const [intent, samples] of Object.entries(BUILT_IN_SAMPLES)) {
    for (const sample of samples ?? []) {
      if (!customSamples.has(normaliseUtterance(sample))) add(sample, intent);
    }
  }
  return docs;
}

/** The result of understanding one utterance: the intent Alexa would send, and how sure the NLU was. */
export interface Understanding {
  readonly intent: Intent;
  /** The chosen (or, for Fallback, the best) intent's nlp.js score, 0..1. */
  readonly score: number;
  /** That score minus the runner-up's (None included). */
  readonly lead: number;
  /** What nlp.js ranked first before the decision rule ('None' when nothing). */
  readonly nlpIntent: string;
  /** The decision rule chose the intent (not a slot pattern caught after it said Fallback). */
  readonly confident: boolean;
}

/** One intent nlp.js scored for an utterance, and whether the words said can be that intent's. */
export interface Candidate {
  readonly intent: string;
  readonly score: number;
  /** Cosine similarity (0..1) to this intent's nearest sample. */
  readonly similarity: number;
  /** The share of the utterance's content words this intent's samples hold (1 when there are none). */
  readonly coverage: number;
}

/** Everything the decision rule looks at, best candidate first. */
export interface Ranking {
  /** The utterance as scored: normalised, fillers dropped. */
  readonly text: string;
  readonly candidates: readonly Candidate[];
  /** The share of the utterance's content words the model knows at all (1 when there are none). */
  readonly knownShare: number;
}

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

/**
 * The decision rule (see the file header): the best eligible candidate, if it clears the floor and
 * leads the next candidate (None included) by enough, and enough of the words are known at all.
 */
export function decide(ranking: Ranking, rule: DecisionRule = DECISION_RULE): { intent: string; score: number; lead: number } {
  const [best, ...rest] = ranking.candidates.filter((c) => c.intent === NONE || eligible(c, rule));
  if (!best || best.intent === NONE) return { intent: BUILT_IN_INTENTS.fallback, score: best?.score ?? 0, lead: 0 };
  const lead = best.score - (rest[0]?.score ?? 0);
  const clear = ranking.knownShare >= rule.minKnownShare && best.similarity >= rule.minSimilarity && best.score >= rule.minTopScore && lead >= rule.minLead;
  return { intent: clear ? best.intent : BUILT_IN_INTENTS.fallback, score: best.score, lead };
}

const NONE = 'None';

/** Whether the intent's samples hold enough of the words said for it to be chosen at all. */
function eligible(candidate: Candidate, rule: DecisionRule): boolean {
  return candidate.coverage >= (isCustomIntent(candidate.intent) ? rule.minIntentCoverage : rule.minBuiltInCoverage);
}

/** Trains a classifier for one locale. Fast (well under a second for en-US); silent; writes no file. */
export async function trainNlu(locale: Locale, options: NluOptions = {}): Promise<LocalNlu> {
  const started = Date.now();
  const model = options.model ?? loadModel(locale);
  const rule = options.rule ?? DECISION_RULE;
  const skillId = options.skillId ?? DEFAULT_SKILL_ID;
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
      // The decision rule below, not nlp.js's own threshold, decides what matches nothing.
      threshold: 0,
    },
    container,
  );

  const entities = slotEntities(model);
  for (const entity of entities) {
    for (const value of entity.type.values) {
      const texts = [...new Set([value.name.value, ...value.name.synonyms].map(normaliseUtterance))];
      nlp.addNerRuleOptionTexts('en', entity.slot, value.id, texts);
    }
  }
  const docs = trainingDocuments(model);
  for (const doc of docs) nlp.addDocument('en', doc.utterance, doc.intent);
  await nlp.train();

  const intentSlots = new Map(
    model.interactionModel.languageModel.intents.map((i) => [i.name, (i.slots ?? []).map((s) => ({ name: s.name, type: s.type }))]),
  );
  const templates = slotTemplates(model);
  const slotIntent = new Map([...intentSlots].flatMap(([intent, slotDefs]) => slotDefs.map((d) => [d.name, intent] as const)));
  // Every value and synonym, longest first, matched on word boundaries.
  const exactForms = entities
    .flatMap((e) => surfaceForms(e.type).map((f) => ({ ...f, slot: e.slot })))
    .sort((a, b) => b.text.length - a.text.length);
  const exactValue = (text: string) => {
    const padded = ` ${text} `;
    for (const form of exactForms) {
      const at = padded.indexOf(` ${form.text} `);
      if (at >= 0) return { slot: form.slot, id: form.id, text: form.text, start: at, end: at + form.text.length };
    }
    return undefined;
  };
  const valueNames = new Map(entities.flatMap((e) => e.type.values.map((v) => [`${e.slot}:${v.id}`, v.name.value] as const)));

  // Which (stemmed) content words each intent was trained on: a classifier always picks *some* intent,
  // so an utterance whose words the chosen intent never saw ("what is the capital of france") is not its.
  const stemmer = container.get('stemmer-en') as { stemWord(word: string): string };
  const contentWords = (text: string) =>
    text
      .split(/[\s']+/)
      .filter((w) => w && !STOPWORDS.has(w))
      .map((w) => stemmer.stemWord(w));
  const vocabulary = new Map<string, Set<string>>();
  const allWords = new Set<string>();
  const learn = (intent: string, text: string) => {
    const words = vocabulary.get(intent) ?? new Set<string>();
    for (const word of contentWords(text.replace(/@\w+/g, ' '))) {
      words.add(word);
      allWords.add(word);
    }
    vocabulary.set(intent, words);
  };
  for (const doc of docs) learn(doc.intent, doc.utterance);
  for (const [intent, slotDefs] of intentSlots) {
    for (const slotDef of slotDefs) {
      const entity = entities.find((e) => e.slot === slotDef.name);
      for (const form of entity ? surfaceForms(entity.type) : []) learn(intent, form.text);
    }
  }
  // Slot references stay whole ("@cause"); other words are stemmed.
  const stems = (text: string) =>
    text
      .split(/[\s']+/)
      .filter(Boolean)
      .map((w) => (w.startsWith('@') ? w : stemmer.stemWord(w)));
  const nearest = new NearestSamples(docs, stems);
  // A value's distinctive words: those of its names and synonyms that no carrier sample of the slot's
  // intent uses, each going to the value most of its forms belong to ("water": three dehydration forms,
  // two "water pills") and to none on a tie. Entity resolution falls back on them when no value was said
  // whole, as Alexa resolves near-synonyms: "i ran a marathon could that be why" → EXERCISE.
  const carrierWords = new Set(
    model.interactionModel.languageModel.intents.flatMap((i) => (i.slots?.length ? i.samples.flatMap((sample) => contentWords(normaliseUtterance(sample.replace(SLOT_REF, ' ')))) : [])),
  );
  const keywordValue = new Map<string, Map<string, string>>();
  for (const entity of entities) {
    const counts = new Map<string, Map<string, number>>();
    for (const form of surfaceForms(entity.type)) {
      for (const word of new Set(contentWords(form.text))) {
        if (carrierWords.has(word)) continue;
        const perId = counts.get(word) ?? new Map<string, number>();
        counts.set(word, perId.set(form.id, (perId.get(form.id) ?? 0) + 1));
      }
    }
    const values = new Map<string, string>();
    for (const [word, perId] of counts) {
      const [first, second] = [...perId].sort((a, b) => b[1] - a[1]);
      if (first && first[1] !== second?.[1]) values.set(word, first[0]);
    }
    keywordValue.set(entity.slot, values);
  }
  const byKeyword = (slot: string, text: string): { sourceText: string; option: string } | undefined => {
    const votes = new Map<string, string[]>();
    for (const raw of text.split(' ')) {
      const id = contentWords(raw).map((w) => keywordValue.get(slot)?.get(w)).find(Boolean);
      if (id) votes.set(id, [...(votes.get(id) ?? []), raw]);
    }
    const ranked = [...votes].sort((a, b) => b[1].length - a[1].length);
    if (ranked.length === 0 || ranked[1]?.[1].length === ranked[0]![1].length) return undefined;
    return { option: ranked[0]![0], sourceText: ranked[0]![1].join(' ') };
  };
  const coverage = (words: readonly string[], known: ReadonlySet<string> | undefined) =>
    words.length === 0 ? 1 : words.filter((w) => known?.has(w)).length / words.length;

  const score = async (text: string) => {
    let result: NlpResult = text ? await nlp.process('en', text) : { intent: NONE, score: 1, entities: [] };
    // nlp.js's own substitution can trip over values that contain other values ("thyroid problems",
    // "magnesium deficiency"): also try the longest exact value replaced by its `@slot` template.
    const exact = exactValue(text);
    if (exact) {
      const templated = await nlp.process('en', `${text.slice(0, exact.start)}@${exact.slot}${text.slice(exact.end)}`);
      if (templated.intent !== NONE && (result.intent === NONE || templated.score > result.score)) {
        result = { ...templated, entities: result.entities };
      }
    }
    // The nearest sample, to the words as said and (when a slot value was said) to its template.
    const similarity = nearest.similarities(text);
    if (exact) {
      for (const [intent, value] of nearest.similarities(`${text.slice(0, exact.start)}@${exact.slot}${text.slice(exact.end)}`)) {
        if (value > (similarity.get(intent) ?? 0)) similarity.set(intent, value);
      }
    }
    return { result, exact, similarity };
  };

  const rankScored = (text: string, result: NlpResult, similarity: ReadonlyMap<string, number>): Ranking => {
    const words = contentWords(text);
    const classified = new Map((result.classifications ?? [{ intent: result.intent, score: result.score }]).map((c) => [c.intent, c.score]));
    // nlp.js answers None alone when no intent scores above zero (long, wordy questions): it abstains, and
    // the nearest sample decides alone. A None beside other intents is its unknown-word feature and counts.
    const abstained = [...classified.keys()].every((intent) => intent === NONE);
    const classifierWeight = abstained ? 0 : 1 - SIMILARITY_WEIGHT;
    const sharpened = new Map([...similarity].map(([intent, s]) => [intent, s ** SIMILARITY_SHARPNESS]));
    const total = [...sharpened.values()].reduce((sum, s) => sum + s, 0);
    const candidates: Candidate[] = [...intentSlots.keys()].map((intent) => ({
      intent,
      score: classifierWeight * (classified.get(intent) ?? 0) + (1 - classifierWeight) * (total > 0 ? (sharpened.get(intent) ?? 0) / total : 0),
      similarity: similarity.get(intent) ?? 0,
      coverage: coverage(words, vocabulary.get(intent)),
    }));
    if (!abstained) candidates.push({ intent: NONE, score: classifierWeight * (classified.get(NONE) ?? 0), similarity: 0, coverage: 0 });
    candidates.sort((x, y) => y.score - x.score);
    return { text, candidates, knownShare: coverage(words, allWords) };
  };

  return {
    locale,
    documentCount: docs.length,
    trainingMs: Date.now() - started,
    async rank(utterance) {
      const text = withoutFillers(normaliseUtterance(utterance));
      const { result, similarity } = await score(text);
      return rankScored(text, result, similarity);
    },
    async understand(utterance) {
      const text = withoutFillers(normaliseUtterance(utterance));
      const { result, exact, similarity } = await score(text);
      const decision = text ? decide(rankScored(text, result, similarity), rule) : { intent: BUILT_IN_INTENTS.fallback, score: 0, lead: 0 };
      let name = decision.intent;
      // A cause named on its own ("pregnancy", answering "which one?") is that cause. The model has no
      // slot-only sample, which would let any short reply ("ready") fill the slot; this is its guard: the
      // whole utterance must be a value or synonym.
      if (exact?.text === text) name = slotIntent.get(exact.slot) ?? name;
      // Like Alexa, words in a slot sample's place still fill the slot when they match no value
      // ("tell me about gout" → CauseDetailIntent, cause "gout", ER_SUCCESS_NO_MATCH): words the model
      // does not know. Known words ("explain night cramps to me") were not a slot value.
      if (name === BUILT_IN_INTENTS.fallback) {
        for (const [intent, list] of templates) {
          const heard = list.map((t) => t.regex.exec(text)?.[1]).find((words) => words !== undefined);
          if (heard !== undefined && coverage(contentWords(heard), allWords) < 1) {
            name = intent;
            break;
          }
        }
      }
      const slots: Record<string, Slot> = {};
      for (const slotDef of intentSlots.get(name) ?? []) {
        const authority = `amzn1.er-authority.echo-sdk.${skillId}.${slotDef.type}`;
        const fuzzy = result.entities
          .filter((e) => e.entity === slotDef.name && e.option)
          .sort((a, b) => b.sourceText.length - a.sourceText.length)[0];
        const found = exact?.slot === slotDef.name ? { sourceText: exact.text, option: exact.id } : (fuzzy ?? byKeyword(slotDef.name, text));
        const heard = found?.sourceText ?? heardValue(text, templates.get(name) ?? [], slotDef.name);
        const match = found ? { id: found.option!, name: valueNames.get(`${slotDef.name}:${found.option}`) ?? found.option! } : undefined;
        slots[slotDef.name] = slotJson(slotDef.name, heard, authority, match);
      }
      return {
        intent: { name, confirmationStatus: 'NONE', slots },
        score: decision.score,
        lead: decision.lead,
        nlpIntent: result.intent,
        confident: decision.intent !== BUILT_IN_INTENTS.fallback,
      };
    },
  };
}

/**
 * Words that carry no request of their own: "okay what's next", "um make it stop", "that's enough thanks".
 * Hesitations and politeness go wherever they are; the others only from the start or the end, so "i'm
 * okay now" keeps its "okay". Nothing is dropped when nothing else would be left: "okay" alone is a Yes.
 */
export const ANYWHERE_FILLERS: ReadonlySet<string> = new Set('um umm uh uhh er erm hmm mm please thanks cheers kindly'.split(' '));
export const EDGE_FILLERS: ReadonlySet<string> = new Set('okay ok righto alexa so oh hey well mate'.split(' '));

/** The utterance without its filler words ("thank you" included), or unchanged when nothing else is left. */
export function withoutFillers(text: string): string {
  const words = text
    .replace(/\bthank you\b/g, 'thanks')
    .split(' ')
    .filter((w) => w && !ANYWHERE_FILLERS.has(w));
  let start = 0;
  let end = words.length;
  while (start < end && EDGE_FILLERS.has(words[start]!)) start++;
  while (end > start && EDGE_FILLERS.has(words[end - 1]!)) end--;
  return start < end ? words.slice(start, end).join(' ') : text;
}

/** Function words ignored when checking that an intent knows an utterance's words. */
const STOPWORDS = new Set(
  (
    'a an the i im me my mine you your it its is are am was were be been do does did doing what whats how why when where which who ' +
    'to of in on at for with and or so this that thats these those can could would should will shall please just about up get got ' +
    'tell some any there them they we us our if from by have has had s re m ll ve d t very really also then than too now right ok ' +
    'alexa hey oh um uh well'
  ).split(' '),
);

/** A slot as Alexa sends it: no value, or the words heard with their entity resolution. */
function slotJson(name: string, value: string | undefined, authority: string, match: { id: string; name: string } | undefined): Slot {
  if (value === undefined) return { name, confirmationStatus: 'NONE' };
  const resolution = match
    ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: match.name, id: match.id } }] }
    : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } };
  return { name, value, confirmationStatus: 'NONE', source: 'USER', resolutions: { resolutionsPerAuthority: [resolution] } } as unknown as Slot;
}

interface SlotTemplate {
  readonly regex: RegExp;
  readonly slot: string;
}

/** Each slot sample as a pattern (`tell me about {cause}` → /^tell me about (.+)$/), longest first. */
function slotTemplates(model: InteractionModelJson): Map<string, SlotTemplate[]> {
  const result = new Map<string, SlotTemplate[]>();
  for (const intent of model.interactionModel.languageModel.intents) {
    const templates: SlotTemplate[] = [];
    for (const sample of intent.samples) {
      const refs = [...sample.matchAll(SLOT_REF)].map((m) => m[1]!);
      if (refs.length !== 1) continue;
      const [before, after] = sample.split(`{${refs[0]}}`).map((part) => normaliseUtterance(part));
      if (!before && !after) continue; // the bare `{slot}` sample would take any words at all
      const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const regex = new RegExp(`^${before ? `${escape(before)} ` : ''}(.+?)${after ? ` ${escape(after)}` : ''}$`);
      templates.push({ regex, slot: refs[0]! });
    }
    templates.sort((a, b) => b.regex.source.length - a.regex.source.length);
    if (templates.length > 0) result.set(intent.name, templates);
  }
  return result;
}

/** The words said in the slot's place when no value matched ("tell me about gout" → "gout"). */
function heardValue(text: string, templates: readonly SlotTemplate[], slot: string): string | undefined {
  for (const template of templates) {
    if (template.slot !== slot) continue;
    const match = template.regex.exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** Whether an intent is one of the skill's own (custom) intents, as opposed to an AMAZON built-in. */
export function isCustomIntent(name: string): boolean {
  return (Object.values(CUSTOM_INTENTS) as string[]).includes(name);
}
