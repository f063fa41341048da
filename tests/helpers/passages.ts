import { readArticle } from './article';
import { sentences, type ArticleSentence } from './hedges';
import { DISCLAIMER } from '../../lambda/content/prompts';
import { REMINDER_REASON } from '../../lambda/content/reminders';
import { PERSISTING_ADVICE, ROUTINE_STEPS, STRETCHES } from '../../lambda/content/routine';
import { TOPICS } from '../../lambda/content/topics';
import { ARTICLE_SECTIONS, MUSCLE_IDS, TOPIC_IDS, type ArticleSection, type Passage } from '../../lambda/content/types';

/** Every passage the skill can speak that states something about cramps, with where it lives. */
export interface Labelled {
  readonly where: string;
  readonly passage: Passage;
}

export const topicPassages: readonly Labelled[] = TOPIC_IDS.flatMap((id) => [
  { where: `${id}.summary`, passage: TOPICS[id].summary },
  ...TOPICS[id].deeper.map((p, i) => ({ where: `${id}.deeper[${i}]`, passage: p })),
]);

export const routinePassages: readonly Labelled[] = [
  ...ROUTINE_STEPS.flatMap((s, i) => [
    { where: `routine[${i}].instruction`, passage: s.instruction },
    ...s.guide.flatMap((beat, j) => ('pause' in beat ? [] : [{ where: `routine[${i}].guide[${j}]`, passage: beat }])),
  ]),
  ...MUSCLE_IDS.map((id) => ({ where: `routine.stretch[${id}]`, passage: STRETCHES[id] })),
  ...PERSISTING_ADVICE.map((p, i) => ({ where: `routine.persisting[${i}]`, passage: p })),
];

export const allPassages: readonly Labelled[] = [
  ...topicPassages,
  ...routinePassages,
  { where: 'DISCLAIMER', passage: DISCLAIMER },
  { where: 'REMINDER_REASON', passage: REMINDER_REASON },
];

/** The article's text per section: `Introduction` is everything between the title and the first heading. */
export function articleSections(text: string = readArticle()): Record<ArticleSection, string> {
  const headings = new Set<string>(ARTICLE_SECTIONS);
  const out = Object.fromEntries(ARTICLE_SECTIONS.map((section) => [section, ''])) as Record<ArticleSection, string>;
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  let current: ArticleSection = 'Introduction';
  for (const line of lines.slice(1)) {
    if (headings.has(line)) current = line as ArticleSection;
    else out[current] += `${line}\n`;
  }
  return out;
}

/** The article's sentences, each with its section. */
export function articleSentences(text: string = readArticle()): ArticleSentence[] {
  const sections = articleSections(text);
  return ARTICLE_SECTIONS.flatMap((section) => sentences(sections[section].replace(/\n/g, ' ')).map((s) => ({ section, text: s })));
}
