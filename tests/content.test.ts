import * as fs from 'fs';
import * as path from 'path';
import { CAUSE_TOPIC_IDS, TOPICS, topic } from '../lambda/content/topics';
import { ROUTINE_STEPS } from '../lambda/content/routine';
import { ARTICLE_SECTIONS, CAUSE_IDS, TOPIC_IDS, type Passage } from '../lambda/content/types';

const ARTICLE_PATH = path.resolve(__dirname, '../../shared/source/leg-cramps-article.txt');
const article = fs.readFileSync(ARTICLE_PATH, 'utf8');
const articleLines = article.split(/\r?\n/).map((l) => l.trim());

/** Speech rate used to estimate how long a passage takes to say. */

const words = (text: string): string[] => text.trim().split(/\s+/).filter(Boolean);

/** Lower case, punctuation (including apostrophes) stripped, single spaces. */
const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\u2018\u2019']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

interface Labelled {
  readonly where: string;
  readonly passage: Passage;
}

const topicPassages: Labelled[] = TOPIC_IDS.flatMap((id) => [
  { where: `${id}.summary`, passage: TOPICS[id].summary },
  ...TOPICS[id].deeper.map((p, i) => ({ where: `${id}.deeper[${i}]`, passage: p })),
]);
const routinePassages: Labelled[] = ROUTINE_STEPS.flatMap((s, i) => [
  { where: `routine[${i}].instruction`, passage: s.instruction },
  ...s.guide.flatMap((beat, j) => ('pause' in beat ? [] : [{ where: `routine[${i}].guide[${j}]`, passage: beat }])),
]);
const allPassages = [...topicPassages, ...routinePassages];
const allTexts = [...allPassages.map((p) => ({ where: p.where, text: p.passage.text })),
  ...TOPIC_IDS.map((id) => ({ where: `${id}.title`, text: TOPICS[id].title }))];

describe('the source article', () => {
  it('has every heading the content may cite', () => {
    for (const section of ARTICLE_SECTIONS) {
      if (section === 'Introduction') continue;
      expect(articleLines).toContain(section);
    }
  });
});

describe('topics', () => {
  it('has one topic per TopicId, with a matching id', () => {
    expect(Object.keys(TOPICS).sort()).toEqual([...TOPIC_IDS].sort());
    for (const id of TOPIC_IDS) {
      expect(topic(id)).toBe(TOPICS[id]);
      expect(topic(id).id).toBe(id);
    }
  });

  it('lists every cause once, in article order', () => {
    expect([...CAUSE_TOPIC_IDS]).toEqual([...CAUSE_IDS]);
  });

  it.each(TOPIC_IDS)('%s has a lower-case title usable mid-sentence', (id) => {
    const { title } = TOPICS[id];
    expect(title.length).toBeGreaterThan(0);
    expect(title).toBe(title.toLowerCase());
    expect(title).not.toMatch(/[.?!]$/);
  });

  it.each(TOPIC_IDS)('%s has a short summary ending in a full stop, not a question', (id) => {
    const text = TOPICS[id].summary.text;
    expect(words(text).length).toBeLessThanOrEqual(35);
    expect(text.trim().endsWith('?')).toBe(false);
    expect(text.trim()).toMatch(/\.$/);
  });

  it.each(TOPIC_IDS)('%s has 1 to 3 deeper parts of about 45 words or fewer', (id) => {
    const { deeper, summary } = TOPICS[id];
    expect(deeper.length).toBeGreaterThanOrEqual(1);
    expect(deeper.length).toBeLessThanOrEqual(3);
    for (const part of deeper) {
      expect(words(part.text).length).toBeLessThanOrEqual(45);
      expect(part.text.trim()).toMatch(/\.$/);
      expect(part.text).not.toBe(summary.text);
    }
  });

  it.each(TOPIC_IDS)('%s relates to another, valid topic', (id) => {
    const { related } = TOPICS[id];
    expect(related).not.toBe(id);
    expect(TOPIC_IDS).toContain(related);
  });
});

describe('routine', () => {
  it('has 5 or 6 steps', () => {
    expect(ROUTINE_STEPS.length).toBeGreaterThanOrEqual(5);
    expect(ROUTINE_STEPS.length).toBeLessThanOrEqual(6);
  });

  it('pauses in whole seconds between 1 and 10 (the longest Alexa break; longer holds chain breaks)', () => {
    for (const step of ROUTINE_STEPS) {
      for (const beat of step.guide) {
        if (!('pause' in beat)) continue;
        expect(Number.isInteger(beat.pause)).toBe(true);
        expect(beat.pause).toBeGreaterThanOrEqual(1);
        expect(beat.pause).toBeLessThanOrEqual(10);
      }
    }
  });

  it('keeps each instruction short', () => {
    for (const step of ROUTINE_STEPS) {
      expect(words(step.instruction.text).length).toBeLessThanOrEqual(40);
    }
  });
});

describe('every passage', () => {
  it.each(allPassages.map((p) => [p.where, p.passage] as const))(
    '%s cites real article sections',
    (_where, passage) => {
      expect(passage.sections.length).toBeGreaterThan(0);
      for (const section of passage.sections) {
        expect(ARTICLE_SECTIONS).toContain(section);
        if (section !== 'Introduction') expect(articleLines).toContain(section);
      }
      expect(new Set(passage.sections).size).toBe(passage.sections.length);
    },
  );

  it.each(allTexts.map((t) => [t.where, t.text] as const))('%s is calm plain text', (_where, text) => {
    expect(text.trim().length).toBeGreaterThan(0);
    expect(text).not.toMatch(/[<>&]/);
    expect(text).not.toContain('!');
    expect(text).not.toMatch(/\s{2,}/);
  });

  const NOT_HEALTH_CONTENT = [
    'GoodSleepHub',
    'Good Sleep Hub',
    'Sleep Aid',
    'Sleep Aid Supplements',
    'Leo Murray',
    'author',
    'sponsored',
    'advertisement',
    'subscribe',
    'comment',
    'copyright',
  ];
  const NOT_IN_ARTICLE = [
    'quinine',
    'paracetamol',
    'acetaminophen',
    'naproxen',
    'aspirin',
    'mg',
    'milligrams?',
    'tonic water',
    'pickle juice',
    'vitamins?',
    'supplements?',
    'dose',
    'doses',
    'dosage',
  ];

  it.each(allTexts.map((t) => [t.where, t.text] as const))(
    '%s has no advertising, author or footer words, and no medicine or dose the article does not name',
    (_where, text) => {
      for (const word of [...NOT_HEALTH_CONTENT, ...NOT_IN_ARTICLE]) {
        expect(text).not.toMatch(new RegExp(`\\b${word}\\b`, 'i'));
      }
    },
  );

  const normalisedArticle = ` ${normalise(article)} `;
  it.each(allPassages.map((p) => [p.where, p.passage.text] as const))(
    '%s is in our own words (no 8-word run copied from the article)',
    (_where, text) => {
      const w = normalise(text).split(' ').filter(Boolean);
      const copied: string[] = [];
      for (let i = 0; i + 8 <= w.length; i++) {
        const run = w.slice(i, i + 8).join(' ');
        if (normalisedArticle.includes(` ${run} `)) copied.push(run);
      }
      expect(copied).toEqual([]);
    },
  );
});
