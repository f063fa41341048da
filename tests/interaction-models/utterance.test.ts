/** Utterances and samples (interaction-models/utterance.ts), written once for the generator, the NLU and the package check. */
import { normaliseSample, normaliseUtterance, samplePattern, slotReferences } from '../../interaction-models/utterance';

it('stores a sample in lower case with its spaces collapsed, punctuation kept', () => {
  expect(normaliseSample('  Should I see a G. P.  about {cause} ')).toBe('should i see a g. p. about {cause}');
});

it('hears words in lower case, apostrophes straightened, other punctuation gone', () => {
  expect(normaliseUtterance('Alexa, ask Leg Cramp Helper: what’s a P.A.D.?')).toBe("alexa ask leg cramp helper what's a p a d");
  expect(normaliseUtterance('  ')).toBe('');
});

it('names the slots a sample refers to', () => {
  expect(slotReferences('remind me at {time} about {cause}')).toEqual(['time', 'cause']);
  expect(slotReferences('what causes cramps')).toEqual([]);
});

it('matches a sample with its slots as patterns over heard words', () => {
  const pattern = samplePattern('Tell me about {cause}?', () => '(.+?)');
  expect(pattern.source).toBe('^tell me about (.+?)$');
  expect(pattern.exec('tell me about gout')?.[1]).toBe('gout');
  const values = samplePattern('{cause} and cramps', () => '(?:coffee|tea)');
  expect(values.test('tea and cramps')).toBe(true);
  expect(values.test('beer and cramps')).toBe(false);
});
