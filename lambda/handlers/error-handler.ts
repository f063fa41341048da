import type { ErrorHandler, HandlerInput } from 'ask-sdk-core';
import type { Log } from '../log';
import { describeError } from '../log';
import * as replies from '../replies';
import { render } from '../respond';
import { hasTurn, turnOf } from '../turn';
import { CAN_FULFILL_REQUEST } from './can-fulfill-handler';

/** Whether the request is a skill event (AlexaSkillEvent.*): Alexa redelivers an event whose invocation failed. */
export function isSkillEvent(input: HandlerInput): boolean {
  const type = (input.requestEnvelope?.request as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' && type.startsWith('AlexaSkillEvent.');
}

/** Requests a listener is waiting to hear an answer to (a request with no type at all is treated as one). */
function expectsSpeech(input: HandlerInput): boolean {
  const type = (input.requestEnvelope?.request as { type?: unknown } | undefined)?.type;
  return typeof type !== 'string' || type === 'LaunchRequest' || type === 'IntentRequest';
}

/**
 * The one error handler: log a structured line (no user data), then apologise and reprompt a listener who
 * spoke, or answer silently (SessionEndedRequest and the like can carry no speech). Skill events are not
 * handled at all: their error propagates, the invocation fails, and Alexa delivers the event again (a failed
 * delete on SkillDisabled must not be acknowledged as done).
 */
export function createErrorHandler(log: Log): ErrorHandler {
  return {
    canHandle: (input) => !isSkillEvent(input),
    handle: (input, error) => {
      const request = input.requestEnvelope?.request as { type?: unknown; intent?: { name?: unknown } } | undefined;
      log.error('request_failed', {
        ...describeError(error),
        requestType: typeof request?.type === 'string' ? request.type.slice(0, 64) : undefined,
        intent: typeof request?.intent?.name === 'string' ? request.intent.name.slice(0, 64) : undefined,
      });
      // Alexa only asked whether the skill could answer: say nothing, and no.
      if (request?.type === CAN_FULFILL_REQUEST) return input.responseBuilder.withCanFulfillIntent({ canFulfill: 'NO' }).getResponse();
      if (!expectsSpeech(input)) return input.responseBuilder.getResponse();
      const turn = hasTurn(input) ? turnOf(input) : undefined;
      const reply = replies.apology();
      return render(input, reply.speech, reply.ask, { softer: turn?.state.history.prefs.softer ?? false, night: turn?.night !== false });
    },
  };
}
