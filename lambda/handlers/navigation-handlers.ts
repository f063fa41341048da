import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { IntentRequest } from 'ask-sdk-model';
import { refreshSessionHistory } from '../history-interceptors';
import { BUILT_IN_INTENTS } from '../intents';
import type { Log } from '../log';
import * as replies from '../replies';
import { respond } from '../respond';
import { resolveMuscle } from '../slots';
import type { HistoryStore } from '../state/history';
import { hasTurn, turnOf } from '../turn';
import { answering, isIntent, type SkillHandler } from './handler';

function routineReply(input: HandlerInput): replies.Reply | undefined {
  if (getRequestType(input.requestEnvelope) !== 'IntentRequest' || !hasTurn(input)) return undefined;
  const { intent } = input.requestEnvelope.request as IntentRequest;
  return replies.routineModeReply(getIntentName(input.requestEnvelope), turnOf(input).state, { muscle: resolveMuscle(intent) });
}

/**
 * First in line: while the relief routine is under way, "yes", "go on", "wait", "stop" and the rest are
 * read in its context (replies.routineModeReply), whichever intent Alexa resolved them to.
 */
export const RoutineModeHandler: SkillHandler = {
  intents: replies.ROUTINE_MODE_INTENTS,
  canHandle: (input) => routineReply(input) !== undefined,
  handle: (input) => respond(input, routineReply(input)!),
};

/** Next, Previous, Repeat, Start Over: move through the routine, or through the current topic. */
export const NextHandler = answering([BUILT_IN_INTENTS.next], ({ turn }) => replies.next(turn.state));

export const PreviousHandler = answering([BUILT_IN_INTENTS.previous], ({ turn }) => replies.previous(turn.state.history));

export const RepeatHandler = answering([BUILT_IN_INTENTS.repeat], ({ turn }) => replies.repeat(turn.state.history));

export const StartOverHandler = answering([BUILT_IN_INTENTS.startOver], ({ turn }) => replies.startOver(turn.state.history));

/**
 * "Continue where we left off", "back to the steps" outside a routine under way: from the table as it is now
 * (another device's later topic is picked up; a forget there wins).
 */
export function createResumeHandler(deps: { readonly store: HistoryStore; readonly log: Log }): SkillHandler {
  const handler: SkillHandler = {
    intents: [BUILT_IN_INTENTS.resume],
    canHandle: (input) => isIntent(input, handler.intents),
    handle: async (input) => {
      await refreshSessionHistory(input, deps);
      return respond(input, replies.resume(turnOf(input).state.history));
    },
  };
  return handler;
}

/** "Wait", "hold on" outside a routine under way: a patient silence, then the same offer. */
export const PauseHandler = answering([BUILT_IN_INTENTS.pause], () => replies.wait());

/** Yes and No answer whatever the last reply offered. (Yes to "forget my history" is ForgetConfirmedHandler.) */
export const YesHandler = answering([BUILT_IN_INTENTS.yes], ({ turn }) => replies.yes(turn.state));

export const NoHandler = answering([BUILT_IN_INTENTS.no], ({ turn }) => replies.no(turn.state));
