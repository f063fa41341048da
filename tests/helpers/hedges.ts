import { StemmerEn, StopwordsEn } from '@nlpjs/lang-en-min';
import type { ArticleSection } from '../../lambda/content/types';

/**
 * How surely a sentence claims something. The article hedges most of what it says ("can help keep them
 * flexible", "might lead to weakness"); a passage drawn from a hedged sentence must hedge too. This module
 * finds, for a sentence of ours, the article sentences it draws on, and the claims in it that no hedge
 * governs.
 */

const stemmer = new StemmerEn();
const stopwords = new StopwordsEn();
const stem = (word: string): string => stemmer.stem(word);

/** Words that make a claim conditional or partial: "can", "may", "might", "could", "helps", "likely to" ... */
const HEDGES = new Set(['can', 'could', 'may', 'might', 'help', 'helps', 'helping', 'likely', 'potentially', 'possibly', 'perhaps', 'tend', 'tends']);

/**
 * Verbs that claim an effect: what a cause does to muscles, what a measure achieves. Their plain form, "-s"
 * and "-ing" forms count ("keep", "keeps", "keeping"); "-ed" forms are left out, being mostly descriptions
 * ("a fixed position", "feet raised").
 */
const CLAIM_VERBS = [
  'keep', 'cause', 'lead', 'shorten', 'affect', 'leave', 'make', 'trigger', 'reduce', 'lower', 'prevent', 'bring', 'ease',
  'maintain', 'relieve', 'strain', 'weaken', 'restrict', 'increase', 'minimize', 'contribute', 'add', 'ensure', 'tighten',
  'alleviate', 'improve', 'stop', 'protect', 'provide', 'result', 'worsen', 'fix', 'cure',
];
const CLAIM_FORMS: ReadonlyMap<string, 'plain' | 'inflected'> = new Map(
  CLAIM_VERBS.flatMap((verb) => {
    const stemOf = verb.endsWith('e') ? verb.slice(0, -1) : verb;
    const s = /(?:s|sh|ch|x)$/.test(verb) ? `${verb}es` : `${verb}s`;
    return [[verb, 'plain'], [s, 'inflected'], [`${stemOf}ing`, 'inflected']] as const;
  }),
);

/** Words before which a claim verb's form is a noun: "the exact cause", "an increase". */
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'each', 'any', 'exact', 'main', 'leading', 'other', 'one', 'possible']);

/** Words that join an instruction to the one before it: "stay hydrated, and make activity part of your day". */
const CONJUNCTIONS = new Set(['and', 'or', 'then', 'also', 'now', 'just']);

/** Words every part of the article shares, which cannot tell which sentence a passage draws on. */
const EVERYWHERE = new Set(['leg', 'legs', 'cramp', 'cramps', 'cramping', 'muscle', 'muscles', 'nocturnal', 'night'].map(stem));

/** Clause boundaries inside a sentence: punctuation, and the words that start a new clause. */
const CLAUSE_BREAK = /[,;:]|\b(?:while|but|whereas|which|though|although)\b/;

function words(text: string): string[] {
  return text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/'s\b/g, '').match(/[a-z]+/g) ?? [];
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function clauses(sentence: string): string[] {
  return sentence
    .split(CLAUSE_BREAK)
    .map((c) => (c ?? '').trim())
    .filter((c) => words(c).length > 0);
}

/** A text's specific words (stemmed): not function words, hedges, or words every section shares. */
export function specificStems(text: string): Set<string> {
  return new Set(
    words(text)
      .filter((w) => !stopwords.isStopword(w) && !HEDGES.has(w))
      .map(stem)
      .filter((s) => !EVERYWHERE.has(s)),
  );
}

function isHedge(w: readonly string[], i: number): boolean {
  return HEDGES.has(w[i]!) && !(w[i] === 'likely' && (w[i - 1] === 'more' || w[i - 1] === 'less'));
}

/** Whether a text hedges at all: "can", "may", "might", "could", "help", "likely to" (not "more likely"). */
export function hedges(text: string): boolean {
  const w = words(text);
  return w.some((_, i) => isHedge(w, i));
}

/**
 * The claim verbs of a clause that no hedge governs: a hedge governs the claim verbs after it ("can shorten
 * and grow tighter"). A plain verb that opens its clause (after any "and") is an instruction ("keep to a
 * balanced diet"); a verb after "to" or a determiner is not a claim of its own ("to keep", "the exact cause").
 */
export function unhedgedClaims(clause: string): string[] {
  const w = words(clause);
  const opening = w.findIndex((word) => !CONJUNCTIONS.has(word));
  const unhedged: string[] = [];
  let hedged = false;
  w.forEach((word, i) => {
    if (isHedge(w, i)) hedged = true;
    const form = CLAIM_FORMS.get(word);
    if (!form || hedged) return;
    if ((form === 'plain' && i === opening) || w[i - 1] === 'to' || DETERMINERS.has(w[i - 1] ?? '')) return;
    unhedged.push(word);
  });
  return unhedged;
}

export interface ArticleSentence {
  readonly section: ArticleSection;
  readonly text: string;
}

/** How many specific words two texts share. */
function shared(a: ReadonlySet<string>, b: string): number {
  return [...specificStems(b)].filter((w) => a.has(w)).length;
}

/** The texts sharing the most specific words with `ours` (at least two), or none. */
function closest(ours: string, candidates: readonly string[]): string[] {
  const stems = specificStems(ours);
  const scored = candidates.map((text) => ({ text, n: shared(stems, text) }));
  const best = Math.max(0, ...scored.map((x) => x.n));
  return best < 2 ? [] : scored.filter((x) => x.n === best).map((x) => x.text);
}

/**
 * What in the article a clause of ours draws on, within the cited sections: the article clauses sharing
 * the most specific words with it, or failing that the article sentences closest to our whole sentence.
 */
export function sourcesOf(clause: string, sentence: string, article: readonly ArticleSentence[], sections: readonly ArticleSection[]): string[] {
  const cited = article.filter((s) => sections.includes(s.section)).map((s) => s.text);
  const byClause = closest(clause, cited.flatMap(clauses));
  return byClause.length > 0 ? byClause : closest(sentence, cited);
}

/**
 * The claims in `text` said more surely than the article says them: for each clause holding an unhedged
 * claim verb, whether the article clause (or sentence) it draws on hedges.
 */
export function surerThanSource(text: string, article: readonly ArticleSentence[], sections: readonly ArticleSection[]): { clause: string; claims: string[]; source: string }[] {
  return sentences(text).flatMap((sentence) =>
    clauses(sentence).flatMap((clause) => {
      const claims = unhedgedClaims(clause);
      if (claims.length === 0) return [];
      const source = sourcesOf(clause, sentence, article, sections).find(hedges);
      return source ? [{ clause, claims, source }] : [];
    }),
  );
}
