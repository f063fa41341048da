import { getRequestType, type HandlerInput } from 'ask-sdk-core';
import { BUILT_IN_INTENTS } from '../intents';
import * as replies from '../replies';
import { respond } from '../respond';
import { APL_USER_EVENT, NEXT_BUTTON_EVENT } from '../screen';
import { hasTurn, turnOf } from '../turn';
import type { SkillHandler } from './handler';

function pressedNext(input: HandlerInput): boolean {
  if (getRequestType(input.requestEnvelope) !== APL_USER_EVENT || !hasTurn(input)) return false;
  const args = (input.requestEnvelope.request as { arguments?: unknown }).arguments;
  return Array.isArray(args) && args[0] === NEXT_BUTTON_EVENT;
}

/**
 * The night screen's Next button does exactly what saying "next" does: while the routine is under way the
 * routine mode decides (replies.routineModeReply, as for AMAZON.NextIntent), otherwise the usual "next".
 */
export const NextButtonHandler: SkillHandler = {
  intents: [],
  canHandle: pressedNext,
  handle: (input) => {
    const state = turnOf(input).state;
    return respond(input, replies.routineModeReply(BUILT_IN_INTENTS.next, state) ?? replies.next(state));
  },
};
