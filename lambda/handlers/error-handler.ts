import type { ErrorHandler } from 'ask-sdk-core';
import type { Log } from '../log';
import { describeError } from '../log';
import * as replies from '../replies';
import { render } from '../respond';
import { hasTurn, turnOf } from '../turn';
import { CAN_FULFILL_REQUEST } from './can-fulfill-handler';

/** The one error handler: log a structured line (no user data), apologise and reprompt. */
export function createErrorHandler(log: Log): ErrorHandler {
  return {
    canHandle: () => true,
    handle: (input, error) => {
      const request = input.requestEnvelope?.request as { type?: unknown; intent?: { name?: unknown } } | undefined;
      log.error('request_failed', {
        ...describeError(error),
        requestType: typeof request?.type === 'string' ? request.type.slice(0, 64) : undefined,
        intent: typeof request?.intent?.name === 'string' ? request.intent.name.slice(0, 64) : undefined,
      });
      // Alexa only asked whether the skill could answer: say nothing, and no.
      if (request?.type === CAN_FULFILL_REQUEST) return input.responseBuilder.withCanFulfillIntent({ canFulfill: 'NO' }).getResponse();
      const softer = hasTurn(input) ? turnOf(input).state.history.prefs.softer : false;
      const reply = replies.apology();
      return render(input, reply.speech, reply.ask, { softer });
    },
  };
}
