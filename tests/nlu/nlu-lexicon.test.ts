/**
 * The local NLU's lexicon (nlu/nlu-lexicon.ts): folding the ways one thing is said into one word, and
 * splitting words run together. Telling a plea from a question is help first's (tests/nlu/steps/help-first.test.ts).
 */
import { canonicalWords, splitRunTogether } from '../../nlu/nlu-lexicon';

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
