/** Why-questions naming a cause (nlu/steps/why-question.ts). */
import { CUSTOM_INTENTS } from '../../../lambda/intents';
import { canonicalWords } from '../../../nlu/nlu-lexicon';
import { asksWhy, speaksOfCramps, whyQuestion } from '../../../nlu/steps/why-question';
import { FALLBACK, stepAlone } from './trained';

it('takes the overview naming a cause for a question about that cause', async () => {
  const said = 'my son sleeps with his toes pointed down is that why he gets cramps';
  expect((await stepAlone(whyQuestion, said, { intent: CUSTOM_INTENTS.causesOverview })).intent).toBe(CUSTOM_INTENTS.causeDetail);
});

it("takes nothing understood but a cause's telling words and a why for a question about that cause", async () => {
  expect((await stepAlone(whyQuestion, 'i sit at a desk all day could that be why', { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.causeDetail);
});

it('takes nothing understood but why and cramps for the overview', async () => {
  expect((await stepAlone(whyQuestion, "why do your legs cramp up when you're asleep", { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.causesOverview);
});

it('leaves a plea for relief, and a question that is no why-question, as they were', async () => {
  expect((await stepAlone(whyQuestion, 'my calf is cramping why', { intent: CUSTOM_INTENTS.reliefRoutine })).intent).toBe(CUSTOM_INTENTS.reliefRoutine);
  expect((await stepAlone(whyQuestion, 'how do i prevent cramps', { intent: CUSTOM_INTENTS.prevention })).intent).toBe(CUSTOM_INTENTS.prevention);
});

describe('the cues', () => {
  it.each(['why do i get them', 'could that be it', 'is it because of my age'])('hears a why in "%s"', (said) => {
    expect(asksWhy(canonicalWords(said))).toBe(true);
  });

  it('hears none in a plain request', () => {
    expect(asksWhy(canonicalWords('help me stretch'))).toBe(false);
  });

  it('hears cramps by any name', () => {
    expect(speaksOfCramps(canonicalWords('my calf has seized'))).toBe(true);
    expect(speaksOfCramps(canonicalWords('tell me a story'))).toBe(false);
  });
});
