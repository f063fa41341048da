import { getRequestType } from 'ask-sdk-core';
import type { canfulfill } from 'ask-sdk-model';
import { canFulfillIntent } from '../can-fulfill';
import { CauseDetailHandler, ReliefRoutineHandler, TopicQuestionHandler } from './content-handlers';
import type { SkillHandler } from './handler';

export const CAN_FULFILL_REQUEST = 'CanFulfillIntentRequest';

/**
 * Intents a name-free request can reach: the questions that stand alone (each answered by a topic or the
 * relief routine). Session-bound intents (tell me more, what did we talk about, forget my history, speak
 * softer) mean nothing without the skill open, and "forget my history" or "speak softer" said to Alexa
 * are more likely meant for Alexa herself, so they are left to her.
 */
export const NAME_FREE_INTENTS: readonly string[] = [
  ...TopicQuestionHandler.intents,
  ...CauseDetailHandler.intents,
  ...ReliefRoutineHandler.intents,
  // Not CrampPersistsIntent: "it's getting worse" means something only inside a talk about a cramp.
];

/**
 * Alexa asks whether the skill can answer a request said without its name. The answer never speaks, and
 * the request never reaches the history table (the history interceptors skip it).
 */
export const CanFulfillIntentHandler: SkillHandler = {
  intents: [],
  canHandle: (input) => getRequestType(input.requestEnvelope) === CAN_FULFILL_REQUEST,
  handle: (input) => {
    const request = input.requestEnvelope.request as canfulfill.CanFulfillIntentRequest;
    return input.responseBuilder.withCanFulfillIntent(canFulfillIntent(request.intent, NAME_FREE_INTENTS)).getResponse();
  },
};
