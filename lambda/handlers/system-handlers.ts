import { getRequestType } from 'ask-sdk-core';
import type { Request } from 'ask-sdk-model';
import type { Log } from '../log';
import { describeError } from '../log';
import * as replies from '../replies';
import { respond } from '../respond';
import { userKey, type HistoryStore } from '../state/history';
import { hasTurn } from '../turn';
import { isSkillEvent } from './error-handler';
import type { SkillHandler } from './handler';

const SESSION_END_REASONS = ['USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS'] as const;
const SESSION_ERROR_TYPES = [
  'INVALID_RESPONSE',
  'DEVICE_COMMUNICATION_ERROR',
  'INTERNAL_SERVICE_ERROR',
  'ENDPOINT_TIMEOUT',
] as const;

function pick(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === 'string' && allowed.includes(value) ? value : value === undefined ? undefined : 'OTHER';
}

/** Alexa closed the session (timeout, user exit or an error on its side). Nothing to say. */
export function createSessionEndedHandler(log: Log): SkillHandler {
  return {
    intents: [],
    canHandle: (input) => getRequestType(input.requestEnvelope) === 'SessionEndedRequest',
    handle: (input) => {
      const request = input.requestEnvelope.request as Request & { reason?: unknown; error?: { type?: unknown } };
      // Only Alexa's own enumerated values reach the log, never arbitrary strings from the request.
      log.info('session_ended', {
        reason: pick(request.reason, SESSION_END_REASONS),
        ...(request.error ? { errorType: pick(request.error.type, SESSION_ERROR_TYPES) } : {}),
      });
      return input.responseBuilder.getResponse();
    },
  };
}

/**
 * The listener disabled the skill. When Alexa tells us their data was not kept
 * (userInformationPersistenceStatus NOT_PERSISTED), delete our copy too. A failed delete fails the
 * invocation (the error handler leaves skill events alone), so Alexa delivers the event again.
 */
export function createSkillEventHandler(store: HistoryStore, log: Log): SkillHandler {
  return {
    intents: [],
    canHandle: isSkillEvent,
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
          // Alexa redelivers events whose invocation failed: fail so it tries again.
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
