import { getIntentName, getRequestType, type HandlerInput, type RequestHandler } from 'ask-sdk-core';

/** A request handler that also declares the intents it answers, so tests can check them against the models. */
export interface SkillHandler extends RequestHandler {
  readonly intents: readonly string[];
}

/** Request type first: getIntentName throws on anything but an IntentRequest. */
export function isIntent(input: HandlerInput, intents: readonly string[]): boolean {
  return getRequestType(input.requestEnvelope) === 'IntentRequest' && intents.includes(getIntentName(input.requestEnvelope));
}
