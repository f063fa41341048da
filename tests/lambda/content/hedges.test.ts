import { allPassages } from '../../helpers/passages';
import { articleSentences } from '../../helpers/passages';
import { hedges, surerThanSource, unhedgedClaims } from '../../helpers/hedges';

/**
 * No surer than the article: a passage drawn from a sentence that hedges ("can help keep them flexible",
 * "might lead to weakness") hedges too. For every clause of every passage that holds a claim verb ("keeps",
 * "shortens", "leaves") no hedge governs, the article clause it draws on (within the sections it cites)
 * must not hedge. First-aid guidance cites no section and makes no claim from the article.
 */
const article = articleSentences();

describe('every passage hedges as the article does', () => {
  it.each(allPassages.filter((p) => !p.passage.firstAid).map((p) => [p.where, p.passage] as const))('%s', (_where, passage) => {
    expect(surerThanSource(passage.text, article, passage.sections)).toEqual([]);
  });
});

describe('the hedge check', () => {
  it('reads the article: it has sentences in every section', () => {
    expect(new Set(article.map((s) => s.section)).size).toBe(14);
  });

  it.each([
    ['keeps the muscles flexible', 'Stretching before bed keeps the muscles flexible.', ['Prevention and Treatment']],
    ['affects your risk', 'The position you sleep in affects your risk of cramps.', ['Sleep Position']],
    ['leave them weaker', 'Long periods of inactivity leave them weaker and tighter.', ['Lack of Physical Activity']],
    ['water keeps electrolytes balanced', 'Drink enough water, which keeps your electrolytes balanced.', ['Dehydration and Electrolyte Imbalance']],
    ['a hedge only after the claim', 'A neutral position keeps the muscles aligned and can lower the risk of cramps.', ['Sleep Position']],
  ] as const)('catches a claim made surer than its source: %s', (_what, text, sections) => {
    expect(surerThanSource(text, article, sections)).not.toEqual([]);
  });

  it.each([
    ['the hedged claim', 'Stretching before bed can help keep the muscles flexible.', ['Prevention and Treatment']],
    ['a claim the article makes outright', 'Over time, muscles lose some strength, leaving them more susceptible to cramping.', ['Age Factor']],
    ['an instruction', 'Stay well hydrated, and keep to a balanced diet rich in minerals.', ['Prevention and Treatment']],
  ] as const)('lets pass %s', (_what, text, sections) => {
    expect(surerThanSource(text, article, sections)).toEqual([]);
  });

  it('tells hedges from comparisons and nouns', () => {
    expect(hedges('It can help.')).toBe(true);
    expect(hedges('Cramps become more likely.')).toBe(false);
    expect(unhedgedClaims('the exact cause is hard to pinpoint')).toEqual([]);
    expect(unhedgedClaims('it can shorten and make them tighter')).toEqual([]);
    expect(unhedgedClaims('stretching keeps them flexible')).toEqual(['keeps']);
  });
});
