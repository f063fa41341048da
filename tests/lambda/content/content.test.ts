import * as fs from 'fs';
import * as path from 'path';
import { StemmerEn, StopwordsEn } from '@nlpjs/lang-en-min';
import { ARTICLE_PATH } from '../../helpers/article';
import { allPassages, articleSections, routinePassages } from '../../helpers/passages';
import { NOT_MEDICAL_ADVICE } from '../../../lambda/content/prompts';
import { CAUSE_TOPIC_IDS, MEDICINE_CHECK, TOPICS, topic } from '../../../lambda/content/topics';
import { ROUTINE_STEPS, STRETCHES } from '../../../lambda/content/routine';
import { ARTICLE_SECTIONS, CAUSE_IDS, MUSCLE_IDS, TOPIC_IDS, type ArticleSection, type Passage } from '../../../lambda/content/types';

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

describe('the treatment topic', () => {
  const { summary, deeper } = TOPICS.TREATMENT;
  it('answers first with heat or cold, ibuprofen as the article names it, and the pharmacist check', () => {
    expect(summary.text).toMatch(/heat pads? or cold packs?/i);
    expect(summary.text).toMatch(/over-the-counter pain reliever/);
    expect(summary.text).toMatch(/ibuprofen/i);
    expect(summary.text).toContain('Check with a pharmacist or healthcare provider first if you are not sure it suits you.');
  });

  it('goes on to when to see a provider', () => {
    expect(deeper.some((part) => /essential to see a healthcare provider/.test(part.text))).toBe(true);
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
  it.each(MUSCLE_IDS)("fits step one to the %s: only that muscle's stretch, shorter than the general wording", (muscle) => {
    const stretch = STRETCHES[muscle];
    expect(words(stretch.text).length).toBeLessThan(words(ROUTINE_STEPS[0]!.instruction.text).length);
    expect(stretch.text).toMatch(/^For (your|the \w+ of your) (calf|foot|thigh):/);
    expect(stretch.firstAid).toBe(true);
  });

  it('records which steps are general first aid and which are the article', () => {
    const record = ROUTINE_STEPS.map((step) => (step.instruction.firstAid ? 'first aid' : 'article'));
    expect(record).toEqual(['first aid', 'article', 'first aid', 'first aid', 'article']);
  });
});

describe('every passage', () => {
  it.each(allPassages.map((p) => [p.where, p.passage] as const))(
    '%s cites real article sections, or is recorded as first aid and cites none',
    (_where, passage) => {
      expect(passage.sections.length > 0).toBe(!passage.firstAid);
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

/**
 * Does each passage cite the sections that say it? A simple, honest check: every content word of the
 * passage (stemmed, lower case; not a stopword or one of our CONNECTIVE words) must occur in the text of at
 * least one cited section, itself or through one of the few PARAPHRASES below; and every cited section must
 * hold at least one of the passage's specific words (so a section cited for something it does not say fails).
 * It cannot judge meaning, so every passage was also read by hand against the article (README, Content).
 */
describe('every passage is said by the sections it cites', () => {
  const stemmer = new StemmerEn();
  const stopwords = new StopwordsEn();
  const stem = (word: string): string => stemmer.stem(word);
  const tokens = (text: string): string[] =>
    text
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/'s\b/g, '')
      .match(/[a-z]+/g) ?? [];

  /** Words that steer our sentences (framing, hedges, everyday verbs) and make no claim of their own. */
  const CONNECTIVE = new Set(
    [
      'not', 'either', 'whichever', 'one', 'part', 'play', 'real', 'instance', 'instead', 'often', 'happen',
      'happening', 'put', 'give', 'try', 'use', 'keep', 'bring', 'leave', 'leaving', 'grow', 'look', 'looked', 'may', 'good',
    ].map(stem),
  );

  /**
   * Where our own words differ from the article's: passage word -> article words that say the same. Kept
   * short on purpose; each pair is a plain synonym, never a new fact.
   */
  const PARAPHRASES: Readonly<Record<string, readonly string[]>> = {
    night: ['nocturnal', 'sleep'],
    time: ['nocturnal', 'sleep'],
    ask: ['consult'],
    tighten: ['contract'],
    control: ['involuntary'],
    wake: ['awaken'],
    hard: ['difficult', 'intense'],
    need: ['crucial', 'vital', 'essential'],
    pregnancy: ['pregnant'],
    medicines: ['medications'],
    medicine: ['medication'],
    raised: ['elevated'],
    ease: ['alleviate'],
    greatly: ['significantly'],
    lower: ['reduce'],
    add: ['contribute'],
    stretch: ['elasticity'],
    unsupportive: ['support'],
    weaker: ['weakness'],
    poorer: ['poor'],
    sore: ['pain'],
    spot: ['area'],
  };
  /** Our own safety wording, not claims from the article: exempt, sentence for sentence. */
  const OUR_SAFETY_WORDING = [NOT_MEDICAL_ADVICE, MEDICINE_CHECK];

  const sectionText = articleSections(article);
  const sectionStems = new Map<ArticleSection, Set<string>>(
    ARTICLE_SECTIONS.map((section) => [section, new Set(tokens(sectionText[section]).map(stem))]),
  );
  const contentWords = (text: string): string[] => {
    const claims = OUR_SAFETY_WORDING.reduce((rest, sentence) => rest.split(sentence).join(' '), text);
    const framing = (w: string) => stopwords.isStopword(w) || CONNECTIVE.has(stem(w));
    return [...new Set(tokens(claims).filter((w) => !framing(w)))];
  };
  const said = (word: string, sections: readonly ArticleSection[]): boolean => {
    const candidates = [word, ...(PARAPHRASES[word] ?? PARAPHRASES[stem(word)] ?? [])].map(stem);
    return sections.some((section) => candidates.some((c) => sectionStems.get(section)?.has(c)));
  };

  // First-aid guidance is exempt, by its record (Passage.firstAid): the article does not say it, and it cites nothing.
  const articlePassages = allPassages.filter((p) => !p.passage.firstAid);

  it.each(articlePassages.map((p) => [p.where, p.passage] as const))('%s: every content word is in a cited section', (_where, passage) => {
    const unsaid = contentWords(passage.text).filter((word) => !said(word, passage.sections));
    expect(unsaid).toEqual([]);
  });

  /** Words every section shares: they cannot show that a section says a passage. */
  const EVERYWHERE = new Set(['leg', 'legs', 'cramp', 'cramps', 'cramping', 'muscle', 'muscles'].map(stem));
  it.each(articlePassages.map((p) => [p.where, p.passage] as const))('%s: every cited section says some of it', (_where, passage) => {
    const specific = contentWords(passage.text).filter((word) => !EVERYWHERE.has(stem(word)));
    const silent = passage.sections.filter((section) => !specific.some((word) => said(word, [section])));
    expect(silent).toEqual([]);
  });

  it('catches a miscitation', () => {
    expect(contentWords('Take a sip of water.').filter((w) => !said(w, ['Age Factor']))).toEqual(['sip', 'water']);
  });
});

describe('claims the article does not make are gone', () => {
  const spokenText = allPassages.map((p) => p.passage.text).join('\n');
  it.each([
    ['no single cause', /no single cause/i],
    ['a mix of these', /mix of these/i],
    ['"upsets" the balance (the article: can affect)', /upsets? the balance/i],
    ['kidney "problems" (the article: kidney failure)', /kidney (or thyroid )?problems/i],
    ['"worth talking to" a provider (the article: essential, crucial)', /worth talking/i],
    ['a sip of water', /\bsips?\b/i],
  ])('never says %s', (_what, pattern) => {
    expect(spokenText).not.toMatch(pattern);
  });

  it('names dehydration as a leading cause, as the article does', () => {
    expect(TOPICS.CAUSES.summary.text).toMatch(/Dehydration is a leading/);
    expect(TOPICS.DEHYDRATION.summary.text).toMatch(/one of the leading causes/);
  });

  it('says seeing a provider about frequent cramps is essential or crucial, never merely worth it', () => {
    const providerPassages = allPassages.filter((p) => /healthcare provider/.test(p.passage.text) && /frequent/.test(p.passage.text));
    expect(providerPassages.length).toBeGreaterThan(3);
    for (const { passage } of providerPassages) expect(passage.text).toMatch(/essential|crucial/);
  });
});

describe("the README's content table", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z_]+)` \([^)]*\) \| ([^|]+) \|$/gm)].map((m) => [m[1], m[2].split(',').map((x) => x.trim()).sort()]),
  );
  const cited = (passages: readonly Passage[]) => [...new Set(passages.flatMap((p) => p.sections))].sort();

  it.each(TOPIC_IDS)('lists the sections %s comes from', (id) => {
    expect(rows.get(id)).toEqual(cited([TOPICS[id].summary, ...TOPICS[id].deeper]));
  });

  it('lists the sections the routine steps come from', () => {
    expect(rows.get('ROUTINE_STEPS')).toEqual(cited(routinePassages.map((p) => p.passage)));
  });
});
