/**
 * Builds the ASK interaction-model JSON for every locale from `source.ts`.
 *
 *   npx tsx interaction-models/generate.ts           writes interaction-models/<locale>.json
 *   npx tsx interaction-models/generate.ts --check   exits 1 (naming the files) if any file on disk is stale
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseFlags, refuseUsage } from '../command-line/flags';
import { BUILT_IN_INTENTS, CAUSE_SLOT, CAUSE_SLOT_TYPE, CUSTOM_INTENTS, MUSCLE_SLOT, MUSCLE_SLOT_TYPE, REMINDER_TIME_SLOT, REMINDER_TIME_SLOT_TYPE } from '../lambda/intents';
import { REMINDER_WHEN_QUESTION } from '../lambda/content/reminders';
import { CAUSE_IDS, MUSCLE_IDS } from '../lambda/content/types';
import {
  BUILT_IN_INTENT_SAMPLES,
  CAUSE_VALUES,
  CUSTOM_INTENT_SAMPLES,
  MUSCLE_VALUES,
  INVOCATION_NAME,
  LOCALE_VARIANTS,
  LOCALES,
  REMINDER_TIME_ANSWERS,
  REMINDER_TIME_PROMPT_ID,
} from './source';
import type { Locale } from './source';
import { normaliseSample } from './utterance';

export interface SlotJson {
  name: string;
  type: string;
  samples: string[];
}

export interface IntentJson {
  name: string;
  slots?: SlotJson[];
  samples: string[];
}

export interface SlotTypeValueJson {
  id: string;
  name: { value: string; synonyms: string[] };
}

export interface SlotTypeJson {
  name: string;
  values: SlotTypeValueJson[];
}

/**
 * The dialog model: the skill manages its own dialog (delegationStrategy SKILL_RESPONSE) and uses it only
 * to elicit the reminder time with Dialog.ElicitSlot, which Alexa allows only for slots it declares.
 */
export interface DialogJson {
  delegationStrategy: 'SKILL_RESPONSE';
  intents: {
    name: string;
    confirmationRequired: boolean;
    prompts: Record<string, never>;
    slots: { name: string; type: string; elicitationRequired: boolean; confirmationRequired: boolean; prompts: { elicitation: string } }[];
  }[];
}

export interface PromptJson {
  id: string;
  variations: { type: 'PlainText'; value: string }[];
}

export interface InteractionModelJson {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: IntentJson[];
      types: SlotTypeJson[];
    };
    dialog: DialogJson;
    prompts: PromptJson[];
  };
}

/** Normalises and drops repeats, keeping first-seen order. */
function unique(items: readonly string[]): string[] {
  return [...new Set(items.map(normaliseSample))];
}

/** Intents that take a slot. */
const SLOTS_BY_INTENT: Readonly<Partial<Record<string, SlotJson[]>>> = {
  [CUSTOM_INTENTS.causeDetail]: [{ name: CAUSE_SLOT, type: CAUSE_SLOT_TYPE, samples: [] }],
  [CUSTOM_INTENTS.reliefRoutine]: [{ name: MUSCLE_SLOT, type: MUSCLE_SLOT_TYPE, samples: [] }],
  [CUSTOM_INTENTS.setStretchReminder]: [{ name: REMINDER_TIME_SLOT, type: REMINDER_TIME_SLOT_TYPE, samples: [...REMINDER_TIME_ANSWERS] }],
};

export function buildModel(locale: Locale): InteractionModelJson {
  const variant = LOCALE_VARIANTS[locale];
  if (!variant) throw new Error(`Unknown locale: ${locale}`);

  const intents: IntentJson[] = [];
  for (const name of Object.values(CUSTOM_INTENTS)) {
    const samples = unique([...CUSTOM_INTENT_SAMPLES[name], ...(variant.extraSamples?.[name] ?? [])]);
    const slots = SLOTS_BY_INTENT[name];
    intents.push(slots ? { name, slots: slots.map((s) => ({ ...s, samples: [...s.samples] })), samples } : { name, samples });
  }
  for (const name of Object.values(BUILT_IN_INTENTS)) {
    intents.push({ name, samples: unique(BUILT_IN_INTENT_SAMPLES[name]) });
  }

  const values: SlotTypeValueJson[] = CAUSE_IDS.map((id) => slotValue(id, CAUSE_VALUES[id], variant.extraSynonyms?.[id]));
  const muscles: SlotTypeValueJson[] = MUSCLE_IDS.map((id) => slotValue(id, MUSCLE_VALUES[id]));

  return {
    interactionModel: {
      languageModel: {
        invocationName: INVOCATION_NAME,
        intents,
        types: [
          { name: CAUSE_SLOT_TYPE, values },
          { name: MUSCLE_SLOT_TYPE, values: muscles },
        ],
      },
      dialog: {
        delegationStrategy: 'SKILL_RESPONSE',
        intents: [
          {
            name: CUSTOM_INTENTS.setStretchReminder,
            confirmationRequired: false,
            prompts: {},
            slots: [
              {
                name: REMINDER_TIME_SLOT,
                type: REMINDER_TIME_SLOT_TYPE,
                elicitationRequired: true,
                confirmationRequired: false,
                prompts: { elicitation: REMINDER_TIME_PROMPT_ID },
              },
            ],
          },
        ],
      },
      prompts: [{ id: REMINDER_TIME_PROMPT_ID, variations: [{ type: 'PlainText', value: REMINDER_WHEN_QUESTION }] }],
    },
  };
}

/** A slot value: its id, its name, and its synonyms (with the locale's own), each once, the name not among them. */
function slotValue(id: string, source: { readonly value: string; readonly synonyms: readonly string[] }, extra: readonly string[] = []): SlotTypeValueJson {
  const name = normaliseSample(source.value);
  return { id, name: { value: name, synonyms: unique([...source.synonyms, ...extra]).filter((s) => s !== name) } };
}

/** Every sample of every intent in a locale, intent name → samples. */
export function samplesByIntent(locale: Locale): Map<string, string[]> {
  return new Map(buildModel(locale).interactionModel.languageModel.intents.map((i) => [i.name, [...i.samples]]));
}

export const MODELS_DIR = __dirname;

export function modelPath(locale: Locale): string {
  return path.join(MODELS_DIR, `${locale}.json`);
}

/** The exact file text for a locale: 2-space JSON plus a trailing newline. */
export function renderModel(locale: Locale): string {
  return `${JSON.stringify(buildModel(locale), null, 2)}\n`;
}

const USAGE = 'Usage: npx tsx interaction-models/generate.ts [--check]';

/** The command line's one flag; a UsageError (with the usage line) for anything else. */
export function generateOptions(argv: readonly string[]): { check: boolean } {
  const { check } = parseFlags(argv, { check: { type: 'boolean', default: false } }, USAGE);
  return { check };
}

function main(argv: readonly string[]): number {
  let check: boolean;
  try {
    ({ check } = generateOptions(argv));
  } catch (error) {
    refuseUsage(error);
    return 2;
  }
  const stale: string[] = [];
  for (const locale of LOCALES) {
    const file = modelPath(locale);
    const expected = renderModel(locale);
    if (check) {
      const actual = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      if (actual !== expected) stale.push(path.relative(process.cwd(), file));
    } else {
      fs.writeFileSync(file, expected);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (stale.length > 0) {
    console.error(
      `Interaction models out of date (run \`npm run models\`):\n${stale.map((f) => `  ${f}`).join('\n')}`,
    );
    return 1;
  }
  if (check) console.log('interaction models are up to date');
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
