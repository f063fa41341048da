/**
 * The local NLU's lexicon (local/nlu-lexicon.ts): folding the ways one thing is said into one word, and
 * telling a plea for help with a cramp now from a question about cramps.
 */
import { canonicalWords, pleadsInAnyClause, speaksOfDistress, speaksOfNow, splitRunTogether } from '../../local/nlu-lexicon';

describe('canonicalWords', () => {
  it.each([
    ['ow ow me shin is rock hard', 'ow my leg is cramping'],
    ["me calf's gone solid", 'my leg is gone cramping'],
    ['owwww my hamstring', 'ow my leg'],
    ['cramp cramp cramp', 'cramp'],
    ['crampin calf', 'cramping leg'],
    ['charlie horse in my thigh', 'charley horse in my leg'],
    ['my foot is killing me', 'my leg is hurts me'],
    ['strewth me quad is knotted', 'ow my leg is cramping'],
    ["the cramp's not going away", "the cramp won't stop"],
  ])('folds "%s" to "%s"', (said, folded) => {
    expect(canonicalWords(said)).toBe(folded);
  });

  it.each([
    ["my husband's got cramp in his calf", "i've got cramp in my leg"],
    ["mum's calf is cramping", 'my leg is cramping'],
    ['help my little boy his foot hurts', 'help me my leg hurts'],
    ['should i take my dad to the gp', 'should i take me to the gp'],
    ['why do they happen', 'why do they happen'],
  ])('puts someone else\'s cramp in the first person: "%s" → "%s"', (said, folded) => {
    expect(canonicalWords(said)).toBe(folded);
  });

  it.each([
    ["what's behind these cramps", 'what causes these cramps'],
    ['what brings a cramp on', 'what causes a cramp'],
    ['how do i keep them away', 'how do i prevent'],
    ['how do i not get cramps', 'how do i prevent cramps'],
    ['what makes my legs cramp', 'what causes my leg cramp'],
    ['can sitting give you cramps', 'can sitting causes cramps'],
  ])('folds the phrase in "%s" → "%s"', (said, folded) => {
    expect(canonicalWords(said)).toBe(folded);
  });

  it('leaves slot references, and words of no class, as they are', () => {
    expect(canonicalWords('could @cause be why')).toBe('could @cause be why');
    expect(canonicalWords('constructor tostring __proto__ hasownproperty')).toBe('constructor tostring __proto__ hasownproperty');
    expect(canonicalWords('')).toBe('');
  });
});

describe('splitRunTogether', () => {
  const known = new Set(['leg', 'cramp', 'right', 'now', 'horse', 'my']);
  const isKnown = (word: string) => known.has(word);

  it.each([
    ['legcramp right now', 'leg cramp right now'],
    ['charliehorse', 'charlie horse'],
    ['crampinmy calf', 'crampin my calf'],
  ])('splits "%s" into "%s"', (said, split) => {
    expect(splitRunTogether(said, isKnown)).toBe(split);
  });

  it('keeps known, short and unsplittable words whole', () => {
    expect(splitRunTogether('cramp legs tylenol crocin', isKnown)).toBe('cramp legs tylenol crocin');
  });
});

describe('speaksOfDistress', () => {
  const fold = (said: string) => speaksOfDistress(canonicalWords(said));

  it.each(['gah thigh', 'this cramp is killing me', 'yeah me hamstring just went tight', 'ow', 'need relief now', "what's the fastest way to get a cramp out", 'her quad has gone rock hard'])(
    'hears a plea in "%s"',
    (said) => {
      expect(fold(said)).toBe(true);
    },
  );

  it.each([
    'what causes my leg cramps',
    'is the baby making my legs cramp',
    'what is a leg cramp anyway',
    'i sleep with my toes pointed is that it',
    'not yet still tight',
    "it's easing a bit now",
    'should i see a doctor about my calf',
    'my leg cramped last night',
    'tell me a joke',
  ])('hears no plea in "%s"', (said) => {
    expect(fold(said)).toBe(false);
  });
});

describe('speaksOfNow', () => {
  it.each(['how do i get this cramp to let go', 'cramp right now', 'my calf just now', 'at the moment my foot'])('puts "%s" in this moment', (said) => {
    expect(speaksOfNow(canonicalWords(said))).toBe(true);
  });

  it('does not for cramps in general', () => {
    expect(speaksOfNow(canonicalWords('how do i stop getting leg cramps'))).toBe(false);
  });
});

describe('pleadsInAnyClause', () => {
  const fold = (said: string) => pleadsInAnyClause(canonicalWords(said));

  it.each([
    'cramp in my foot right now and why does this keep happening',
    'thigh cramp right now also is it because i am getting old',
    'my hamstring is cramping help me and then tell me what causes it',
    "cramp in me calf and i've been on the beers all night",
  ])('finds the plea in "%s"', (said) => {
    expect(fold(said)).toBe(true);
  });

  it.each(['i get cramp in my calf and i want to know why', 'what causes cramps and how do i prevent them', 'my calf is cramping'])(
    'finds none in "%s" (one clause, or none a plea)',
    (said) => {
      expect(fold(said)).toBe(false);
    },
  );
});
