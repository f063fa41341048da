/**
 * How often the local NLU puts a listener's phrasing on topic: the intent is one the phrasing accepts and,
 * for a cause question, the cause slot resolves to the expected cause (or, for a cause the article does not
 * cover, is heard and resolves to none); for relief naming a muscle, the muscle slot resolves to it. Used by
 * the held-out tests (tests/nlu/held-out.test.ts, fresh-phrasings.test.ts), by the calibration
 * (nlu/tuning/calibrate-nlu.ts) and by nlu/tuning/fresh-phrasing-rates.ts.
 */
import type { Intent } from 'ask-sdk-model';
import type { InteractionModelJson } from '../../interaction-models/generate';
import { AMAZON_BUILT_IN_SAMPLES } from '../../interaction-models/source';
import { CAUSE_SLOT, CUSTOM_INTENTS, MUSCLE_SLOT } from '../../lambda/intents';
import type { LocalNlu } from '../nlu';

export interface LabelledPhrasing {
  readonly utterance: string;
  readonly category: string;
  /** Any of these intents is on topic. */
  readonly intents: readonly string[];
  /** For a cause question: the slot value id the `cause` slot must resolve to, or UNCOVERED (heard, resolving to none). */
  readonly cause?: string;
  /** For relief naming where the cramp is: the value id the `muscle` slot must resolve to. */
  readonly muscle?: string;
}

/** The label of a cause the article does not cover: the slot is heard and resolves to no value. */
export const UNCOVERED = 'UNCOVERED';

/**
 * A plea for relief is also answered as one when understood as "it's not going away": with no routine just
 * done, the skill starts the routine for either (replies.crampPersists).
 */
const ALSO_RELIEF: readonly string[] = [CUSTOM_INTENTS.crampPersists];

export interface Miss {
  readonly utterance: string;
  readonly got: string;
}

export interface CategoryRate {
  readonly category: string;
  readonly onTopic: number;
  readonly total: number;
  readonly misses: readonly Miss[];
}

/**
 * Per category, in first-seen order, then the overall total under the category `overall`. A phrasing none
 * of whose intents the model has yet (TreatmentIntent before issue 12) is left out, not counted a miss.
 */
export async function onTopicRates(
  nlu: LocalNlu,
  phrasings: readonly LabelledPhrasing[],
  knownIntents: ReadonlySet<string>,
): Promise<CategoryRate[]> {
  const byCategory = new Map<string, { onTopic: number; total: number; misses: Miss[] }>();
  const overall = { onTopic: 0, total: 0, misses: [] as Miss[] };
  for (const phrasing of phrasings) {
    const accepted = phrasing.intents.filter((i) => knownIntents.has(i));
    if (accepted.length === 0) continue;
    const { intent } = await nlu.understand(phrasing.utterance);
    const resolved = resolvedId(intent, CAUSE_SLOT) ?? resolvedId(intent, MUSCLE_SLOT);
    const hit = isOnTopic(phrasing, accepted, intent);
    const tally = byCategory.get(phrasing.category) ?? { onTopic: 0, total: 0, misses: [] };
    byCategory.set(phrasing.category, tally);
    for (const t of [tally, overall]) {
      t.total++;
      if (hit) t.onTopic++;
      else t.misses.push({ utterance: phrasing.utterance, got: resolved && !hit ? `${intent.name} (${resolved})` : intent.name });
    }
  }
  return [...[...byCategory].map(([category, t]) => ({ category, ...t })), { category: 'overall', ...overall }];
}

/** Whether `intent` is a right understanding of the phrasing (see the file header). */
function isOnTopic(phrasing: LabelledPhrasing, accepted: readonly string[], intent: Intent): boolean {
  const intents = accepted.includes(CUSTOM_INTENTS.reliefRoutine) && phrasing.muscle === undefined ? [...accepted, ...ALSO_RELIEF] : accepted;
  if (!intents.includes(intent.name)) return false;
  if (phrasing.muscle !== undefined && resolvedId(intent, MUSCLE_SLOT) !== phrasing.muscle) return false;
  if (phrasing.cause === UNCOVERED) return !!intent.slots?.[CAUSE_SLOT]?.value && resolvedId(intent, CAUSE_SLOT) === undefined;
  return phrasing.cause === undefined || resolvedId(intent, CAUSE_SLOT) === phrasing.cause;
}

function resolvedId(intent: Intent, slot: string): string | undefined {
  return intent.slots?.[slot]?.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value.id;
}

/** "relief  55/56  98%" lines, for a test's output or the README (percentages rounded down). */
export function formatRates(rates: readonly CategoryRate[]): string {
  const width = Math.max(...rates.map((r) => r.category.length));
  return rates.map((r) => `${r.category.padEnd(width)}  ${String(r.onTopic).padStart(3)}/${String(r.total).padEnd(3)}  ${percent(r)}%`).join('\n');
}

/** The on-topic share in whole percent, rounded down: 94.8% is 94, never "95". */
export function percent(rate: CategoryRate): number {
  return rate.total === 0 ? 100 : Math.floor((100 * rate.onTopic) / rate.total);
}

/** The intents a phrasing may be labelled with: the model's, and the built-ins the local NLU has samples for. */
export function knownIntents(model: InteractionModelJson): Set<string> {
  return new Set([...model.interactionModel.languageModel.intents.map((i) => i.name), ...Object.keys(AMAZON_BUILT_IN_SAMPLES)]);
}

/** Every sample the local NLU trains on as written: the model's and the built-in ones (held-out sets must not be among them). */
export function everySample(model: InteractionModelJson): Set<string> {
  return new Set(model.interactionModel.languageModel.intents.flatMap((i) => i.samples).concat(Object.values(AMAZON_BUILT_IN_SAMPLES).flat() as string[]));
}
