import { getRequestType } from 'ask-sdk-core';
import type { Request } from 'ask-sdk-model';
import type { Log } from '../log';
import { describeError } from '../log';
import * as replies from '../replies';
import { respond } from '../respond';
import { userKey, type HistoryStore } from '../state/history';
import { hasTurn } from '../turn';
import type { SkillHandler } from './handler';

/** Alexa closed the session (timeout, user exit or an error on its side). Nothing to say. */
export function createSessionEndedHandler(log: Log): SkillHandler {
  return {
    intents: [],
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'SessionEndedRequest',
    handle: (input) => {
      const request = input.requestEnvelope.request as Request & { reason?: unknown; error?: { type?: unknown } };
      log.info('session_ended', {
        reason: typeof request.reason === 'string' ? request.reason : undefined,
        ...(request.error && typeof request.error.type === 'string' ? { errorType: request.error.type } : {}),
      });
      return input.responseBuilder.getResponse();
    },
  };
}

/**
 * The listener disabled the skill. When Alexa tells us their data was not kept
 * (userInformationPersistenceStatus NOT_PERSISTED), delete our copy too.
 */
export function createSkillEventHandler(store: HistoryStore, log: Log): SkillHandler {
  return {
    intents: [],
    canHandle: (input) => getRequestType(input.requestEnvelope).startsWith('AlexaSkillEvent.'),
    handle: async (input) => {
      const envelope = input.requestEnvelope;
      const type = getRequestType(envelope);
      const body = (envelope.request as { body?: { userInformationPersistenceStatus?: unknown } }).body;
      const userId = envelope.context?.System?.user?.userId;
      if (type === 'AlexaSkillEvent.SkillDisabled' && body?.userInformationPersistenceStatus === 'NOT_PERSISTED' && typeof userId === 'string' && userId) {
        try {
          await store.forget(userKey(userId));
          log.info('history_forgotten_on_disable');
        } catch (error) {
          // Alexa retries events it could not deliver: fail so it tries again.
          log.error('history_forget_on_disable_failed', describeError(error));
          throw error;
        }
      }
      return input.responseBuilder.getResponse();
    },
  };
}

/**
 * Last in line: an intent no handler claimed (say, from a newer model) gets the fallback reply; any
 * other request type (events this skill does not subscribe to) gets an empty response.
 */
export const UnhandledRequestHandler: SkillHandler = {
  intents: [],
  canHandle: () => true,
  handle: (input) =>
    getRequestType(input.requestEnvelope) === 'IntentRequest' && hasTurn(input)
      ? respond(input, replies.fallback())
      : input.responseBuilder.getResponse(),
};
