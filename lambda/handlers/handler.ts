import { getIntentName, getRequestType, type HandlerInput, type RequestHandler } from 'ask-sdk-core';
import type { Intent, IntentRequest } from 'ask-sdk-model';
import type { Reply } from '../replies';
import { respond } from '../respond';
import { turnOf, type Turn } from '../turn';

/** A request handler that also declares the intents it answers, so tests can check them against the models. */
export interface SkillHandler extends RequestHandler {
  readonly intents: readonly string[];
}

/** Request type first: getIntentName throws on anything but an IntentRequest. */
export function isIntent(input: HandlerInput, intents: readonly string[]): boolean {
  return getRequestType(input.requestEnvelope) === 'IntentRequest' && intents.includes(getIntentName(input.requestEnvelope));
}

/** What a reply is chosen from: the intent as Alexa resolved it, and this turn's state (read only if asked for). */
export interface Asked {
  readonly intent: Intent;
  readonly turn: Turn;
}

/**
 * The common handler: these intents, answered by the reply `choose` picks (replies.ts, pure) and rendered by
 * respond. Handlers that do I/O first (forget, recap, resume) are written out in full.
 */
export function answering(intents: readonly string[], choose: (asked: Asked) => Reply): SkillHandler {
  return {
    intents,
    canHandle: (input) => isIntent(input, intents),
    handle: (input) => {
      const asked: Asked = {
        intent: (input.requestEnvelope.request as IntentRequest).intent,
        get turn() {
          return turnOf(input);
        },
      };
      return respond(input, choose(asked));
    },
  };
}
