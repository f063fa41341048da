/**
 * Scores the local NLU on the development sets of fresh phrasings (nlu/tuning/fresh-phrasings/), per set
 * and per category, with each miss:
 *
 *   npx tsx nlu/tuning/fresh-phrasing-rates.ts [--locale en-GB] [--quiet]
 *
 * Run it after changing samples, the lexicon or the decision rule: the development sets shaped the NLU,
 * so a change that helps one phrasing and breaks others shows here. The held-out sets stay under tests/
 * (tests/nlu/fresh-phrasings/): `npm test` scores them, and nothing here reads them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseFlags, refuseUsage, UsageError } from '../../command-line/flags';
import { LOCALES, type Locale } from '../../interaction-models/source';
import { loadModel } from '../model';
import { trainNlu, type LocalNlu } from '../nlu';
import { formatRates, knownIntents, onTopicRates, percent, type CategoryRate, type LabelledPhrasing } from './on-topic';

export const DEVELOPMENT_SETS = path.join(__dirname, 'fresh-phrasings');

const USAGE = 'Usage: npx tsx nlu/tuning/fresh-phrasing-rates.ts [--locale <locale>] [--quiet]';

export interface RatesOptions {
  readonly locale: Locale;
  /** Print the rates only, not each miss. */
  readonly quiet: boolean;
}

/** The command line's options; a UsageError for an unknown flag or a bad value. */
export function ratesOptions(argv: readonly string[]): RatesOptions {
  const values = parseFlags(argv, { locale: { type: 'string', default: 'en-US' }, quiet: { type: 'boolean', default: false } }, USAGE);
  if (!(LOCALES as readonly string[]).includes(values.locale)) throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}; got ${values.locale}`, USAGE);
  return { locale: values.locale as Locale, quiet: values.quiet };
}

async function scoreSets({ locale, quiet }: RatesOptions): Promise<void> {
  const nlu = remembering(await trainNlu(locale));
  const known = knownIntents(loadModel(locale));
  const files = fs.readdirSync(DEVELOPMENT_SETS).filter((file) => file.endsWith('.json')).sort();
  const all: LabelledPhrasing[] = [];
  for (const file of files) {
    const phrasings = JSON.parse(fs.readFileSync(path.join(DEVELOPMENT_SETS, file), 'utf8')) as LabelledPhrasing[];
    const rates = await onTopicRates(nlu, phrasings, known);
    const relief = rates.find((r) => r.category === 'relief');
    console.log(`${file.padEnd(22)} ${percent(rates.at(-1)!)}% overall, ${relief ? percent(relief) : '-'}% relief`);
    all.push(...phrasings);
  }
  const rates: CategoryRate[] = await onTopicRates(nlu, all, known);
  console.log(`\ndevelopment sets (${locale}):\n${formatRates(rates)}`);
  if (!quiet) for (const r of rates.slice(0, -1)) for (const m of r.misses) console.log(`  ${r.category}: "${m.utterance}" → ${m.got}`);
}

/** The NLU, each utterance understood once: the sets are scored one by one, then together. */
function remembering(nlu: LocalNlu): LocalNlu {
  const understood = new Map<string, ReturnType<LocalNlu['understand']>>();
  return {
    ...nlu,
    understand(utterance) {
      const known = understood.get(utterance) ?? nlu.understand(utterance);
      understood.set(utterance, known);
      return known;
    },
  };
}

if (require.main === module) {
  try {
    scoreSets(ratesOptions(process.argv.slice(2))).catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
  } catch (error) {
    refuseUsage(error);
  }
}
