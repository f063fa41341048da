/**
 * A local stand-in for Alexa's NLU: an nlp.js classifier trained at start-up from
 * `interaction-models/<locale>.json`, so typed utterances (paraphrases too, not only exact samples)
 * become IntentRequests with slots and entity resolution the way Alexa would send them.
 *
 * How an utterance becomes an intent:
 * 1. Normalise; split words speech recognition ran together ("legcramp"); drop filler words ("um", "alexa",
 *    "okay ..." and "yeah ..." at the start, "please", "thanks") unless nothing else is left ("okay" alone is
 *    a Yes).
 * 2. Fold the words (local/nlu-lexicon.ts): "me shin's gone rock hard" is scored as "my leg is cramping", a
 *    partner's cramp as the listener's own. Samples are folded the same way when training.
 * 3. Score every intent twice: nlp.js's classifier (softmax-like, sums to 1, with a None class that
 *    unknown words feed), and the nearest sample (cosine similarity of IDF-weighted stems, shared out
 *    among intents). A candidate's score is the even blend; when nlp.js abstains (None alone, which it
 *    does for long wordy questions) the nearest sample decides alone. A built-in intent's score is scaled
 *    by the square of the share of the words its samples hold ("going back to sleep" is not Resume).
 * 4. The decision rule (DECISION_RULE): a sample said word for word is its intent. Otherwise take the
 *    best-scoring intent whose samples hold enough of the content words (a custom intent
 *    minIntentCoverage of them, a built-in minBuiltInCoverage) if
 *      - its score is at least minTopScore (the floor), and
 *      - it leads the next candidate, None included, by at least minLead (a split "relief 0.50 vs
 *        prevention 0.48" is not clear; "relief 0.50 vs prevention 0.30" is, whatever the absolute score),
 *      - its nearest sample is at least minSimilarity alike, and at least minKnownShare of the content
 *        words appear anywhere in the model.
 *    Unknown words ("hamstring", "arvo") only lower the scores through nlp.js's None class and the
 *    similarity: they never veto an otherwise clear match. Anything else is AMAZON.FallbackIntent, except
 *    unknown words in a slot sample's place ("tell me about gout"), which fill the slot as Alexa does.
 * 5. Help first (`helpFirst`): pain or a cramp happening now is ReliefRoutineIntent when the rule found
 *    nothing clear, when a topic was chosen on none of its own words, or when part of a longer request is
 *    that plea. Then a why-question naming a cause is CauseDetailIntent, and a longer request understood
 *    as nothing takes the intent of its first understood part.
 * 6. Slots: the longest value or synonym said whole; else nlp.js's near match; else the value whose
 *    distinctive words were said, weighed by how purely and rarely they name it ("marathon" → EXERCISE).
 *    A value said alone is that cause.
 *
 * The numbers are calibrated, not guessed: `npx tsx local/calibrate-nlu.ts` scores the model's samples by
 * cross-validation and the tuning set (local/nlu-tuning-set.ts, off-topic phrasings included) and picks
 * the rule with the best on-topic utility (relief counting double, a wrong intent costing more than a
 * Fallback), the strictest among near-ties. Rerun it after changing the samples. The held-out sets
 * (tests/local/held-out.ts, tests/local/fresh-phrasings/held-out-*) are never used for calibration or
 * development: they only measure. `npx tsx local/fresh-phrasing-rates.ts` scores the development sets.
 *
 * Nothing is written to disk (no model file) and nothing is logged; training takes about a second.
 */
import * as fs from 'fs';
import * as path from 'path';
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp, type NlpResult } from '@nlpjs/nlp';
import type { Intent, Slot } from 'ask-sdk-model';
import { BUILT_IN_INTENTS, CAUSE_SLOT, CUSTOM_INTENTS, MUSCLE_SLOT, type BuiltInIntentName } from '../lambda/intents';
import type { InteractionModelJson, SlotTypeJson } from '../interaction-models/generate';
import { LOCALES, type Locale } from '../interaction-models/source';
import { DEFAULT_SKILL_ID } from '../simulation/envelope';
import { causeQuestion } from './cause-question';
import { correctedMuscle } from './muscle-correction';
import { NearestSamples } from './nearest-sample';
import { asksWhatToDoForACramp, asksWhy, canonicalWords, speaksOfCramps, pleadsInAnyClause, speaksOfDistress, speaksOfNow, splitRunTogether } from './nlu-lexicon';

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

export const DECISION_RULE: DecisionRule = { minTopScore: 0.15, minLead: 0.05, minKnownShare: 0.34, minIntentCoverage: 0.34, minBuiltInCoverage: 0.5, minSimilarity: 0.2 };

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
    "no i don't", 'not at the moment', 'maybe later', 'no need', 'not required', "no that's fine",
  ],
  [BUILT_IN_INTENTS.stop]: [
    'stop', 'goodbye', 'bye', 'bye bye', 'good night', 'goodnight', "that's all", 'that is all', "that's it", 'exit', 'quit',
    "i'm done", "i'm finished", 'enough', 'be quiet', 'shut up', 'off', 'stop talking', "i'm going back to sleep",
  ],
  [BUILT_IN_INTENTS.cancel]: ['cancel', 'never mind', 'nevermind', 'cancel that', 'cancel it', 'forget about it'],
  [BUILT_IN_INTENTS.help]: [
    'help', 'help please', 'i need help', 'what can you do', 'what can i say', 'what can i ask you', 'what can i ask',
    'how does this work', 'how do i use this', 'what are my options', 'instructions', 'what do you do', 'what should i say',
  ],
  [BUILT_IN_INTENTS.next]: ['next', 'next step', 'next one', 'the next step', 'go to the next step', "what's next", 'skip', 'skip this step', 'move on', "i'm ready", 'ready', 'done'],
  [BUILT_IN_INTENTS.previous]: ['previous', 'previous step', 'go back', 'back', 'the step before', 'last step', 'go back a step', 'previous one', 'the step before that', 'go back one step', 'the earlier one', 'the one before'],
  [BUILT_IN_INTENTS.repeat]: [
    'repeat', 'repeat that', 'say that again', 'again', 'repeat please', 'come again', 'pardon', 'what did you say', 'one more time', 'can you repeat that',
    'what was that', "i didn't catch that", 'say it once more', 'once more', 'sorry what',
  ],
  [BUILT_IN_INTENTS.startOver]: [
    'start over', 'start again', 'restart', 'from the beginning', 'start from the beginning', 'begin again', 'start over please', 'from the top',
    'start from the top', 'all over again', 'do it all again', 'go back to the start', 'begin from the start',
  ],
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
  /** The utterance as scored: normalised, fillers dropped, words folded (local/nlu-lexicon.ts). */
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
  // A sample said word for word (a slot value in its place) is that sample's intent, however the classifier splits it.
  const verbatim = ranking.candidates.find((c) => c.intent !== NONE && c.similarity >= VERBATIM && eligible(c, rule));
  if (verbatim && ranking.candidates.filter((c) => c.similarity >= VERBATIM).length === 1) {
    return { intent: verbatim.intent, score: verbatim.score, lead: verbatim.score - (ranking.candidates.find((c) => c !== verbatim)?.score ?? 0) };
  }
  if (!best || best.intent === NONE) return { intent: BUILT_IN_INTENTS.fallback, score: best?.score ?? 0, lead: 0 };
  const lead = best.score - (rest[0]?.score ?? 0);
  const clear = ranking.knownShare >= rule.minKnownShare && best.similarity >= rule.minSimilarity && best.score >= rule.minTopScore && lead >= rule.minLead;
  return { intent: clear ? best.intent : BUILT_IN_INTENTS.fallback, score: best.score, lead };
}

const NONE = 'None';

/** Nearest-sample similarity (cosine of stems) from which an utterance counts as that sample said again. */
const VERBATIM = 0.95;

/** Answers that stand whatever else is said: ending, pausing, refusing ("not yet, it still hurts"). */
const ANSWERS_KEPT: ReadonlySet<string> = new Set([BUILT_IN_INTENTS.stop, BUILT_IN_INTENTS.cancel, BUILT_IN_INTENTS.pause, BUILT_IN_INTENTS.no]);

/** A topic chosen this close to one of its samples (cosine) stands, whatever words it rests on. */
const NEAR_PARAPHRASE = 0.7;

/** The intents that answer a question about leg cramps (as opposed to relief now, navigation or settings). */
const TOPIC_INTENTS: ReadonlySet<string> = new Set([
  CUSTOM_INTENTS.whatAreLegCramps,
  CUSTOM_INTENTS.causesOverview,
  CUSTOM_INTENTS.causeDetail,
  CUSTOM_INTENTS.prevention,
  CUSTOM_INTENTS.treatment,
  CUSTOM_INTENTS.seeADoctor,
]);

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
  // Intents are scored on canonical words (local/nlu-lexicon.ts): samples and utterances folded alike.
  const heardDocs = trainingDocuments(model);
  const docs = canonicalDocuments(heardDocs);
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
  const muscleForms = exactForms.filter((form) => form.slot === MUSCLE_SLOT);
  // Every word the model was trained on as said (for splitting run-together words).
  const rawWords = new Set(heardDocs.flatMap((d) => d.utterance.split(' ')).concat(exactForms.flatMap((f) => f.text.split(' '))));
  const heardText = (utterance: string) => splitRunTogether(withoutFillers(normaliseUtterance(utterance)), (word) => rawWords.has(word));
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
      for (const form of entity ? surfaceForms(entity.type) : []) {
        learn(intent, form.text);
        learn(intent, canonicalWords(form.text));
      }
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
  const byKeyword = (slot: string, text: string): { sourceText: string; option: string } | undefined => {
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
  // Each topic intent's own words: those of its samples (slot values aside) that no relief sample has.
  const cueWords = (text: string) =>
    text
      .split(/[\s']+/)
      .filter((w) => w && (w === 'why' || !STOPWORDS.has(w)))
      .map((w) => stemmer.stemWord(w));
  const sampleWords = (intent: string) =>
    (model.interactionModel.languageModel.intents.find((i) => i.name === intent)?.samples ?? []).flatMap((sample) =>
      cueWords(canonicalWords(withoutFillers(normaliseUtterance(sample.replace(SLOT_REF, ' '))))),
    );
  const reliefWords = new Set(sampleWords(CUSTOM_INTENTS.reliefRoutine));
  const ownWords = new Map([...TOPIC_INTENTS].map((intent) => [intent, new Set(sampleWords(intent).filter((w) => !reliefWords.has(w)))]));
  const said = (intent: string, canonical: string) => cueWords(canonical).some((w) => ownWords.get(intent)?.has(w));

  /**
   * Help first: pain or a cramp happening now is the relief routine (local/nlu-lexicon.ts decides what
   * speaks of one) when
   * - no intent is clearly meant ("gah thigh", "this cramp is killing me");
   * - a topic was chosen on none of its own words and not as a near paraphrase, or while the cramp is
   *   "this cramp" or "right now", or with relief closer still ("my toes are pointing down and it's very
   *   painful" is no sleep-position question; "would a warm bath help my legs" stays a treatment one);
   * - a step or menu word was chosen on only some of the words ("her quad's gone rock hard what do i get
   *   her to do" is not Next);
   * - one part of a longer request is that plea ("cramp in my foot right now and why does this keep
   *   happening": the routine first, the why afterwards).
   */
  const helpFirst = (name: string, ranking: Ranking, canonical: string): string => {
    const chosen = ranking.candidates.find((c) => c.intent === name);
    const closest = chosen?.similarity ?? 0;
    // A sample said again is its own intent ("i woke up with a cramp after a long run" asks about running).
    if (name === CUSTOM_INTENTS.reliefRoutine || ANSWERS_KEPT.has(name) || closest >= VERBATIM) return name;
    if (pleadsInAnyClause(canonical) || asksWhatToDoForACramp(canonical)) return CUSTOM_INTENTS.reliefRoutine;
    if (!speaksOfDistress(canonical)) return name;
    const reliefCloser = (ranking.candidates.find((c) => c.intent === CUSTOM_INTENTS.reliefRoutine)?.similarity ?? 0) > closest;
    const unfoundedTopic =
      TOPIC_INTENTS.has(name) && (closest < NEAR_PARAPHRASE || speaksOfNow(canonical) || reliefCloser) && !said(name, canonical);
    const partialStep = !isCustomIntent(name) && (chosen?.coverage ?? 0) < 1;
    return name === BUILT_IN_INTENTS.fallback || unfoundedTopic || partialStep ? CUSTOM_INTENTS.reliefRoutine : name;
  };
  const coverage = (words: readonly string[], known: ReadonlySet<string> | undefined) =>
    words.length === 0 ? 1 : words.filter((w) => known?.has(w)).length / words.length;

  /**
   * Scores the words as said (`text`): the intents on their canonical words, the slot values on the words
   * themselves (a value said whole becomes its `@slot` template for scoring).
   */
  const score = async (text: string) => {
    const canonical = canonicalWords(text);
    let result: NlpResult = canonical ? await nlp.process('en', canonical) : { intent: NONE, score: 1, entities: [] };
    // nlp.js's own substitution can trip over values that contain other values ("thyroid problems",
    // "magnesium deficiency"): also try the longest exact value replaced by its `@slot` template.
    const exact = exactValue(text);
    const templated = exact
      ? [canonicalWords(text.slice(0, exact.start).trim()), `@${exact.slot}`, canonicalWords(text.slice(exact.end).trim())].filter(Boolean).join(' ')
      : undefined;
    if (templated) {
      const scored = await nlp.process('en', templated);
      if (scored.intent !== NONE && (result.intent === NONE || scored.score > result.score)) result = scored;
    }
    // The nearest sample, to the words (and, when a slot value was said, to its template).
    const similarity = nearest.similarities(canonical);
    if (templated) {
      for (const [intent, value] of nearest.similarities(templated)) {
        if (value > (similarity.get(intent) ?? 0)) similarity.set(intent, value);
      }
    }
    return { result, exact, similarity, canonical };
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
    const candidates: Candidate[] = [...intentSlots.keys()].map((intent) => {
      const covered = coverage(words, vocabulary.get(intent));
      const blended = classifierWeight * (classified.get(intent) ?? 0) + (1 - classifierWeight) * (total > 0 ? (sharpened.get(intent) ?? 0) / total : 0);
      // A built-in's few samples leave a classifier sure of it on one shared word ("going back to sleep" is
      // not Resume): it counts in proportion to the square of the words said that its samples hold.
      return { intent, score: isCustomIntent(intent) ? blended : blended * covered ** 2, similarity: similarity.get(intent) ?? 0, coverage: covered };
    });
    if (!abstained) candidates.push({ intent: NONE, score: classifierWeight * (classified.get(NONE) ?? 0), similarity: 0, coverage: 0 });
    candidates.sort((x, y) => y.score - x.score);
    return { text, candidates, knownShare: coverage(words, allWords) };
  };

  /** The intent of the first part of a longer request ("... and ...", "... but ...") that has one. */
  const firstUnderstoodClause = async (text: string): Promise<string | undefined> => {
    const clauses = text.split(/ (?:and then|and|also|but|plus) /);
    if (clauses.length < 2) return undefined;
    for (const clause of clauses) {
      const { result, similarity, canonical } = await score(clause);
      const { intent } = decide(rankScored(canonical, result, similarity), rule);
      if (intent !== BUILT_IN_INTENTS.fallback && isCustomIntent(intent)) return intent;
    }
    return undefined;
  };

  /**
   * The words of a question whether something causes cramps, when they name no cause the article covers:
   * no value said in them ("can dehydration cause cramps", "are my bp tablets giving me these cramps" stay
   * covered), and either a word no sample holds ("lupus leg cramps", "sleep apnea and cramps") or a causing
   * verb and no cause's telling word ("can stress cause leg cramps").
   */
  const uncoveredCause = (text: string, exact: ReturnType<typeof exactValue>, causalOnly: boolean): string | undefined => {
    const asked = causeQuestion(text);
    if (!asked || (causalOnly && !asked.causal)) return undefined;
    if (exact?.slot === CAUSE_SLOT && (` ${asked.words} `.includes(` ${exact.text} `) || ` ${exact.text} `.includes(` ${asked.words} `))) return undefined;
    // A word no sample holds outweighs a cause's telling word beside it: "sleep apnea" is not sleep position.
    if (contentWords(canonicalWords(asked.words)).some((w) => !allWords.has(w))) return asked.words;
    return asked.causal && !byKeyword(CAUSE_SLOT, asked.words) ? asked.words : undefined;
  };

  return {
    locale,
    documentCount: docs.length,
    trainingMs: Date.now() - started,
    async rank(utterance) {
      const text = heardText(utterance);
      const { result, similarity, canonical } = await score(text);
      return rankScored(canonical, result, similarity);
    },
    async understand(utterance) {
      const text = heardText(utterance);
      const { result, exact, similarity, canonical } = await score(text);
      const ranking = rankScored(canonical, result, similarity);
      const decision = text ? decide(ranking, rule) : { intent: BUILT_IN_INTENTS.fallback, score: 0, lead: 0 };
      let name = decision.intent;
      // A cause named on its own ("pregnancy", answering "which one?") is that cause. The model has no
      // slot-only sample, which would let any short reply ("ready") fill the slot; this is its guard: the
      // whole utterance must be a value or synonym.
      if (exact?.text === text) name = slotIntent.get(exact.slot) ?? name;
      name = helpFirst(name, ranking, canonical);
      // A cause named whole in a why-question is a question about that cause, whether the classifier took it
      // for the overview ("my son sleeps with his toes pointed down is that why he gets cramps") or for relief
      // with no plea in it ("is the baby making my legs cramp"); with nothing else understood, a cause's
      // telling words are enough ("i sit at a desk all day could that be why").
      const unpleading = name === CUSTOM_INTENTS.reliefRoutine && !speaksOfDistress(canonical) && !pleadsInAnyClause(canonical);
      if ((name === CUSTOM_INTENTS.causesOverview || name === BUILT_IN_INTENTS.fallback || unpleading) && asksWhy(canonical)) {
        const named = exact?.slot === CAUSE_SLOT || (name === BUILT_IN_INTENTS.fallback && byKeyword(CAUSE_SLOT, text) !== undefined);
        if (named) name = slotIntent.get(CAUSE_SLOT) ?? name;
        // Nothing understood but "why" and cramps ("why do your legs cramp up when you're asleep"): the causes.
        else if (name === BUILT_IN_INTENTS.fallback && /\b(?:why|how come)\b/.test(canonical) && speaksOfCramps(canonical)) name = CUSTOM_INTENTS.causesOverview;
      }
      // A longer request understood as nothing may hold a part that is understood: "what causes them and how
      // do i stop them" asks first about causes.
      if (name === BUILT_IN_INTENTS.fallback) name = await firstUnderstoodClause(text) ?? name;
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
      // "Can gout cause leg cramps?": a cause the article does not name, heard in a cause's place.
      // Taken for relief, only when a causing verb or "from" says so ("is my cramp from all the chai i drink").
      const asks = TOPIC_INTENTS.has(name) || name === BUILT_IN_INTENTS.fallback;
      const unpleaded = name === CUSTOM_INTENTS.reliefRoutine && !pleadsInAnyClause(canonical) && !speaksOfNow(canonical);
      const uncovered = asks || unpleaded ? uncoveredCause(text, exact, !asks) : undefined;
      if (uncovered) name = slotIntent.get(CAUSE_SLOT) ?? name;
      // "No, it's my foot": where the cramp is, said alone, is the routine for that muscle.
      const muscle = correctedMuscle(text, muscleForms);
      if (muscle) name = slotIntent.get(MUSCLE_SLOT) ?? name;
      const slots: Record<string, Slot> = {};
      for (const slotDef of intentSlots.get(name) ?? []) {
        const authority = `amzn1.er-authority.echo-sdk.${skillId}.${slotDef.type}`;
        if (uncovered && slotDef.name === CAUSE_SLOT) {
          slots[slotDef.name] = slotJson(slotDef.name, uncovered, authority, undefined);
          continue;
        }
        if (muscle && slotDef.name === MUSCLE_SLOT) {
          slots[slotDef.name] = slotJson(slotDef.name, muscle.text, authority, { id: muscle.id, name: valueNames.get(`${MUSCLE_SLOT}:${muscle.id}`) ?? muscle.id });
          continue;
        }
        // nlp.js's near matches of a value, in the words as said (only needed for an intent with a slot).
        const { entities } = await nlp.process('en', text);
        const fuzzy = entities
          .filter((e) => e.entity === slotDef.name && e.option)
          .sort((a, b) => b.sourceText.length - a.sourceText.length)[0];
        const found = exact?.slot === slotDef.name ? { sourceText: exact.text, option: exact.id } : (fuzzy ?? byKeyword(slotDef.name, text));
        const heard = found?.sourceText ?? heardValue(text, templates.get(name) ?? [], slotDef.name);
        const match = found ? { id: found.option!, name: valueNames.get(`${slotDef.name}:${found.option}`) ?? found.option! } : undefined;
        slots[slotDef.name] = slotJson(slotDef.name, heard, authority, match);
      }
      // A cause question that names no cause ("my dad keeps getting cramps at night why would that be") asks
      // about the causes in general.
      const noCause = name === CUSTOM_INTENTS.causeDetail && !slots[CAUSE_SLOT]?.value;
      return {
        intent: noCause ? { name: CUSTOM_INTENTS.causesOverview, confirmationStatus: 'NONE', slots: {} } : { name, confirmationStatus: 'NONE', slots },
        score: decision.score,
        lead: decision.lead,
        nlpIntent: result.intent,
        confident: decision.intent !== BUILT_IN_INTENTS.fallback,
      };
    },
  };
}

/** The documents with their words folded (local/nlu-lexicon.ts), each folded phrasing once per intent. */
function canonicalDocuments(docs: readonly TrainingDocument[]): TrainingDocument[] {
  const seen = new Set<string>();
  return docs
    .map((doc) => ({ utterance: canonicalWords(doc.utterance), intent: doc.intent }))
    .filter((doc) => !seen.has(`${doc.intent}|${doc.utterance}`) && seen.add(`${doc.intent}|${doc.utterance}`));
}

/**
 * Words that carry no request of their own: "okay what's next", "um make it stop", "that's enough thanks".
 * Hesitations and politeness go wherever they are; the others only from the start or the end, so "i'm
 * okay now" keeps its "okay". Nothing is dropped when nothing else would be left: "okay" alone is a Yes.
 */
export const ANYWHERE_FILLERS: ReadonlySet<string> = new Set('um umm uh uhh er erm hmm mm mhm please thanks ta cheers kindly'.split(' '));
/** Said before a request ("yeah go on", "alright next stretch", "yep done that"), but a Yes on their own. */
export const OPENING_FILLERS: ReadonlySet<string> = new Set('yeah yep yup alright right'.split(' '));
export const EDGE_FILLERS: ReadonlySet<string> = new Set('okay ok righto alexa so oh hey well mate sorry'.split(' '));

/** The utterance without its filler words ("thank you" included), or unchanged when nothing else is left. */
export function withoutFillers(text: string): string {
  const words = text
    .replace(/\bthank you\b/g, 'thanks')
    .split(' ')
    .filter((w) => w && !ANYWHERE_FILLERS.has(w));
  let start = 0;
  let end = words.length;
  while (start < end && (EDGE_FILLERS.has(words[start]!) || (OPENING_FILLERS.has(words[start]!) && start < end - 1))) start++;
  while (end > start && EDGE_FILLERS.has(words[end - 1]!)) end--;
  return start < end ? words.slice(start, end).join(' ') : text;
}

/**
 * Words too common to name a cause on their own (stemmed): "not having enough fluids" is about fluids, not
 * "having" a baby; "not moving much" is about moving, not "not drinking much water".
 */
const LIGHT_WORDS: ReadonlySet<string> = new Set('have be get do go not too much lot all day enough more less some way'.split(' '));

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
