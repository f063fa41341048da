/** The first understood part of a longer request (nlu/steps/first-understood-clause.ts). */
import { CUSTOM_INTENTS } from '../../../lambda/intents';
import { firstUnderstoodClause } from '../../../nlu/steps/first-understood-clause';
import { FALLBACK, stepAlone } from './trained';

it('takes a request understood as nothing for its first understood part', async () => {
  const said = 'what causes them and how do i stop them';
  expect((await stepAlone(firstUnderstoodClause, said, { intent: FALLBACK })).intent).toBe(CUSTOM_INTENTS.causesOverview);
});

it('leaves a request with one part, or one already understood, as it was', async () => {
  expect((await stepAlone(firstUnderstoodClause, 'tell me a joke', { intent: FALLBACK })).intent).toBe(FALLBACK);
  const understood = { intent: CUSTOM_INTENTS.prevention };
  expect((await stepAlone(firstUnderstoodClause, 'what causes them and how do i stop them', understood)).intent).toBe(CUSTOM_INTENTS.prevention);
});

it('finds nothing when no part is understood', async () => {
  expect((await stepAlone(firstUnderstoodClause, 'play some music and sing me a song', { intent: FALLBACK })).intent).toBe(FALLBACK);
});
