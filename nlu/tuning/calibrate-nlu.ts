/**
 * Calibrates the local NLU's decision rule (DECISION_RULE in nlu/decision-rule.ts):
 *
 *   npx tsx nlu/tuning/calibrate-nlu.ts [--locale en-US] [--folds 5] [--misses]
 *
 * It scores two labelled sets, never the held-out set:
 * - the model's own samples by k-fold cross-validation (train on the other folds, score this one), so
 *   each sample is a phrasing the classifier has not seen, with slot samples filled with a value;
 * - the tuning set (nlu/tuning/nlu-tuning-set.ts), which also holds off-topic phrasings that must go to
 *   AMAZON.FallbackIntent.
 * Then it tries every rule on a grid (floor, lead, known share, intent and built-in coverage, similarity)
 * and prints the best few by utility: on topic counts 1, a needless Fallback 0, a wrong intent
 * -WRONG_ANSWER_COST; relief phrasings weigh double; an off-topic phrasing is on topic only as Fallback.
 * Near-ties go to the strictest rule. Copy the first line into DECISION_RULE.
 */
import { parseFlags, refuseUsage, UsageError } from '../../command-line/flags';
import type { InteractionModelJson } from '../../interaction-models/generate';
import { LOCALES, type Locale } from '../../interaction-models/source';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../lambda/intents';
import { decide, type DecisionRule } from '../decision-rule';
import { loadModel } from '../model';
import { trainNlu } from '../nlu';
import type { Ranking } from '../scoring';
import { TUNING_SET } from './nlu-tuning-set';
import type { LabelledPhrasing } from './on-topic';

const USAGE = 'Usage: npx tsx nlu/tuning/calibrate-nlu.ts [--locale <locale>] [--folds <n>] [--misses]';

export interface CalibrationOptions {
  readonly locale: Locale;
  readonly folds: number;
  /** Print the phrasings the best rule gets wrong. */
  readonly misses: boolean;
}

/** The command line's options; a UsageError for an unknown flag or a bad value. */
export function calibrationOptions(argv: readonly string[]): CalibrationOptions {
  const flags = { locale: { type: 'string', default: 'en-US' }, folds: { type: 'string', default: '5' }, misses: { type: 'boolean', default: false } } as const;
  const values = parseFlags(argv, flags, USAGE);
  if (!(LOCALES as readonly string[]).includes(values.locale)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}; got ${values.locale}`, USAGE);
  const folds = Number(values.folds);
  if (!Number.isInteger(folds) || folds < 2) throw new UsageError(`--folds must be a whole number of at least 2; got ${values.folds}`, USAGE);
  return { locale: values.locale as Locale, folds, misses: values.misses };
}

/** Utilities this close to the best are treated as equally good. */
const NEAR_BEST = 0.005;

/** How much more a relief-now phrasing counts than any other. */
const RELIEF_WEIGHT = 2;

/** How much worse than a Fallback a wrong intent is (0 = the same). */
const WRONG_ANSWER_COST = 0.5;

interface Scored {
  readonly phrasing: LabelledPhrasing;
  readonly ranking: Ranking;
}

/** The model with every `folds`-th sample (from `fold`) taken out of each custom intent, and those samples. */
function split(model: InteractionModelJson, fold: number, folds: number): { train: InteractionModelJson; test: LabelledPhrasing[] } {
  const { languageModel } = model.interactionModel;
  const cause = languageModel.types[0]!.values;
  const test: LabelledPhrasing[] = [];
  const intents = languageModel.intents.map((intent) => {
    const kept: string[] = [];
    intent.samples.forEach((sample, index) => {
      if (index % folds !== fold || sample.trim() === '{cause}') return void kept.push(sample);
      const value = cause[(index * 3 + fold) % cause.length]!;
      const utterance = sample.replace('{cause}', value.name.synonyms[index % Math.max(1, value.name.synonyms.length)] ?? value.name.value);
      test.push({ utterance, category: 'samples', intents: [intent.name], ...(sample.includes('{cause}') ? { cause: value.id } : {}) });
    });
    return { ...intent, samples: kept };
  });
  return { train: { interactionModel: { ...model.interactionModel, languageModel: { ...languageModel, intents } } }, test };
}

function onTopic({ phrasing, ranking }: Scored, rule: DecisionRule): boolean {
  // The cause slot is resolved by the entity rules, not the rule; only the intent is judged here.
  return phrasing.intents.includes(decide(ranking, rule).intent);
}

async function calibrate({ locale, folds, misses }: CalibrationOptions): Promise<void> {
  const model = loadModel(locale);
  // Phrasings for intents the model does not have yet (TreatmentIntent before issue 12) are left out.
  const known = new Set([...model.interactionModel.languageModel.intents.map((i) => i.name), BUILT_IN_INTENTS.fallback]);

  const scored: Scored[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const { train, test } = split(model, fold, folds);
    const nlu = await trainNlu(locale, { model: train });
    for (const phrasing of test) scored.push({ phrasing, ranking: await nlu.rank(phrasing.utterance) });
  }
  const nlu = await trainNlu(locale);
  for (const phrasing of TUNING_SET.filter((p) => p.intents.some((i) => known.has(i)))) {
    scored.push({ phrasing, ranking: await nlu.rank(phrasing.utterance) });
  }

  const results: { rule: DecisionRule; samples: number; tuning: number; offTopic: number; all: number; utility: number }[] = [];
  const samples = scored.filter((s) => s.phrasing.category === 'samples');
  const tuning = scored.filter((s) => s.phrasing.category !== 'samples');
  const offTopic = scored.filter((s) => s.phrasing.intents.includes(BUILT_IN_INTENTS.fallback));
  const rate = (set: readonly Scored[], rule: DecisionRule) => set.filter((s) => onTopic(s, rule)).length / set.length;
  // A wrong answer costs a listener in pain more than "say that again": it counts half a miss extra.
  // Someone in pain asking for relief matters most (the product's first promise): those count RELIEF_WEIGHT times.
  const weight = (s: Scored) => (s.phrasing.intents.includes(CUSTOM_INTENTS.reliefRoutine) ? RELIEF_WEIGHT : 1);
  const utility = (set: readonly Scored[], rule: DecisionRule) =>
    set.reduce((sum, s) => sum + weight(s) * (onTopic(s, rule) ? 1 : decide(s.ranking, rule).intent === BUILT_IN_INTENTS.fallback ? 0 : -WRONG_ANSWER_COST), 0) /
    set.reduce((sum, s) => sum + weight(s), 0);
  for (const minKnownShare of [0.01, 0.34, 0.51]) {
   for (const minBuiltInCoverage of [0.5, 0.67, 1]) {
    for (const minIntentCoverage of [0.01, 0.34]) {
     for (const minSimilarity of [0, 0.2, 0.3]) {
      for (let top = 0; top <= 0.6001; top += 0.05) {
        for (let lead = 0; lead <= 0.3001; lead += 0.05) {
          const rule = { minTopScore: Number(top.toFixed(3)), minLead: Number(lead.toFixed(3)), minKnownShare, minIntentCoverage, minBuiltInCoverage, minSimilarity };
          results.push({ rule, samples: rate(samples, rule), tuning: rate(tuning, rule), offTopic: rate(offTopic, rule), all: rate(scored, rule), utility: utility(scored, rule) });
        }
      }
     }
    }
   }
  }
  // Among the rules within NEAR_BEST of the best utility, the strictest first: a built-in needing more of
  // the words (a wrong Stop hangs up on someone mid-cramp), then the larger lead, then the higher floors.
  // A difference that small is noise on a few hundred phrasings; strictness is not.
  const best = Math.max(...results.map((r) => r.utility));
  const strictness = (r: DecisionRule) => [r.minBuiltInCoverage, r.minLead, r.minTopScore, r.minSimilarity, r.minKnownShare, r.minIntentCoverage];
  const near = (u: number) => u >= best - NEAR_BEST;
  results.sort((a, b) => {
    if (near(a.utility) !== near(b.utility)) return near(a.utility) ? -1 : 1;
    if (!near(a.utility)) return b.utility - a.utility;
    const [x, y] = [strictness(a.rule), strictness(b.rule)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i < 0 ? 0 : y[i]! - x[i]!;
  });
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
  console.log(`${samples.length} cross-validated samples, ${tuning.length} tuning phrasings (${offTopic.length} off topic)`);
  console.log('minTopScore minLead known intent builtIn sim    all  samples tuning offTopic utility');
  for (const r of [...results.slice(0, 8), ...[1, 0.67].map((b) => results.find((x) => x.rule.minBuiltInCoverage === b)!)]) {
    const { minTopScore, minLead, minKnownShare, minIntentCoverage, minBuiltInCoverage, minSimilarity } = r.rule;
    console.log(`${String(minTopScore).padEnd(11)} ${String(minLead).padEnd(7)} ${String(minKnownShare).padEnd(5)} ${String(minIntentCoverage).padEnd(6)} ${String(minBuiltInCoverage).padEnd(7)} ${String(minSimilarity).padEnd(4)} ${pct(r.all)} ${pct(r.samples)} ${pct(r.tuning)} ${pct(r.offTopic)} ${r.utility.toFixed(3)}`);
  }
  if (misses) {
    const best = results[0]!.rule;
    for (const s of scored.filter((x) => !onTopic(x, best))) {
      const top = s.ranking.candidates.slice(0, 3).map((c) => `${c.intent}${c.coverage.toFixed(1)} ${c.score.toFixed(2)}`);
      console.log(`  [${s.phrasing.category}] ${s.phrasing.utterance} -> ${decide(s.ranking, best).intent} | ${top.join(', ')} known ${s.ranking.knownShare.toFixed(2)}`);
    }
  }
}

if (require.main === module) {
  try {
    const options = calibrationOptions(process.argv.slice(2));
    calibrate(options).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
  } catch (error) {
    refuseUsage(error);
  }
}
