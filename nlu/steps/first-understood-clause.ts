/**
 * A longer request understood as nothing may hold a part that is understood: "what causes them and how do i
 * stop them" asks first about causes. The first part ("... and ...", "... but ...") the decision rule gives
 * one of the skill's own intents.
 */
import { BUILT_IN_INTENTS } from '../../lambda/intents';
import { isCustomIntent } from '../intent-kinds';
import type { Step } from './step';

export const firstUnderstoodClause: Step = async (reading, { text }, { decideAlone }) => {
  if (reading.intent !== BUILT_IN_INTENTS.fallback) return reading;
  const clauses = text.split(/ (?:and then|and|also|but|plus) /);
  if (clauses.length < 2) return reading;
  for (const clause of clauses) {
    const intent = await decideAlone(clause);
    if (intent !== BUILT_IN_INTENTS.fallback && isCustomIntent(intent)) return { ...reading, intent };
  }
  return reading;
};
