/**
 * Scores the local NLU on every set of fresh phrasings (tests/local/fresh-phrasings/, development sets
 * included), per set and per category, with each miss:
 *
 *   npx tsx local/fresh-phrasing-rates.ts [--locale en-GB] [--quiet]
 *
 * Run it after changing samples, the lexicon or the decision rule: the development sets shaped the NLU,
 * so a change that helps one phrasing and breaks others shows here. `npm test` scores the held-out sets.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LOCALES, loadModel, trainNlu, type LocalNlu, type Locale } from './nlu';
import { formatRates, knownIntents, onTopicRates, percent, type CategoryRate, type LabelledPhrasing } from './on-topic';

const FOLDER = path.join(__dirname, '..', 'tests', 'local', 'fresh-phrasings');

async function main(args: readonly string[]): Promise<void> {
  const at = args.indexOf('--locale');
  const locale = (at >= 0 ? args[at + 1] : 'en-US') as Locale;
  if (!LOCALES.includes(locale)) throw new Error(`--locale must be one of ${LOCALES.join(', ')}`);
  const nlu = remembering(await trainNlu(locale));
  const known = knownIntents(loadModel(locale));
  const files = fs.readdirSync(FOLDER).filter((file) => file.endsWith('.json')).sort();
  const byGroup = new Map<string, LabelledPhrasing[]>();
  for (const file of files) {
    const phrasings = JSON.parse(fs.readFileSync(path.join(FOLDER, file), 'utf8')) as LabelledPhrasing[];
    const rates = await onTopicRates(nlu, phrasings, known);
    const relief = rates.find((r) => r.category === 'relief');
    console.log(`${file.padEnd(22)} ${percent(rates.at(-1)!)}% overall, ${relief ? percent(relief) : '-'}% relief`);
    const group = file.startsWith('held-out') ? 'held-out' : 'development';
    byGroup.set(group, [...(byGroup.get(group) ?? []), ...phrasings]);
  }
  for (const [group, phrasings] of byGroup) {
    const rates: CategoryRate[] = await onTopicRates(nlu, phrasings, known);
    console.log(`\n${group} sets (${locale}):\n${formatRates(rates)}`);
    if (!args.includes('--quiet')) for (const r of rates.slice(0, -1)) for (const m of r.misses) console.log(`  ${r.category}: "${m.utterance}" → ${m.got}`);
  }
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

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
