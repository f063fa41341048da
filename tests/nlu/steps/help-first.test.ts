/**
 * Help first (nlu/steps/help-first.ts): pain or a cramp happening now is the relief routine when nothing,
 * a topic on none of its own words, or a step word on part of the words was understood; and the cues that
 * tell such a plea from a question.
 */
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../../../lambda/intents';
import { canonicalWords } from '../../../nlu/nlu-lexicon';
import { helpFirst, pleadsInAnyClause, speaksOfDistress, speaksOfNow } from '../../../nlu/steps/help-first';
import { FALLBACK, stepAlone } from './trained';

describe('helpFirst', () => {
  it.each(['gah thigh', 'this cramp is killing me'])('takes "%s", understood as nothing, for relief', async (said) => {
    expect((await stepAlone(helpFirst, said, { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.reliefRoutine);
  });

  it('takes a plea in one part of a longer request for relief, whatever was understood', async () => {
    const said = 'cramp in my foot right now and why does this keep happening';
    expect((await stepAlone(helpFirst, said, { intent: CUSTOM_INTENTS.causesOverview })).intent).toBe(CUSTOM_INTENTS.reliefRoutine);
  });

  it('keeps ending, pausing and refusing answers', async () => {
    for (const intent of [BUILT_IN_INTENTS.stop, BUILT_IN_INTENTS.cancel, BUILT_IN_INTENTS.pause, BUILT_IN_INTENTS.no]) {
      expect((await stepAlone(helpFirst, 'ow my calf', { intent })).intent).toBe(intent);
    }
  });

  it('leaves a question, and words with no pain in them, as they were', async () => {
    expect((await stepAlone(helpFirst, 'what causes leg cramps', { intent: CUSTOM_INTENTS.causesOverview })).intent).toBe(CUSTOM_INTENTS.causesOverview);
    expect((await stepAlone(helpFirst, 'tell me a joke', { intent: FALLBACK })).intent).toBe(FALLBACK);
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
