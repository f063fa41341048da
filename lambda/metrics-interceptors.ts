import type { ErrorHandler, HandlerInput, ResponseInterceptor } from 'ask-sdk-core';
import { describeError, type Log } from './log';
import type { SkillMetrics } from './metrics';
import { repliedWith } from './respond';
import { turnMetrics } from './turn-metrics';
import { hasTurn, readSessionState, turnOf, type SessionState } from './turn';

const RECORDED_ATTRIBUTE = 'metricsRecorded';

export interface TurnMetricsDeps {
  readonly metrics: SkillMetrics;
  readonly log: Log;
}

/**
 * Gathers what turnMetrics needs and records its points, once per request: after the reply (a response
 * interceptor) or, when a handler failed, after the error handler's answer (ask-sdk skips response
 * interceptors then). Metrics never cost a listener their answer: a failure here is logged and dropped.
 */
function recordTurn(input: HandlerInput, { metrics, log }: TurnMetricsDeps, errorAnswered: boolean): void {
  try {
    const attributes = input.attributesManager.getRequestAttributes();
    if (attributes[RECORDED_ATTRIBUTE]) return;
    input.attributesManager.setRequestAttributes({ ...attributes, [RECORDED_ATTRIBUTE]: true });
    const turn = hasTurn(input) ? turnOf(input) : undefined;
    // The session's offer and routine as they came in (the envelope's attributes are never rewritten); the
    // history the turn started from (in a new session, what the table held).
    const carried = input.requestEnvelope.session?.new ? undefined : readSessionState(input);
    const before: SessionState | undefined = turn ? { ...carried, history: turn.base.history, version: turn.base.version } : carried;
    const reply = repliedWith(input);
    metrics.record(
      ...turnMetrics({
        request: input.requestEnvelope.request,
        ...(before ? { before } : {}),
        ...(reply ? { reply } : {}),
        ...(turn ? { after: turn.state } : {}),
        now: turn?.now ?? Date.now(),
        errorAnswered,
      }),
    );
  } catch (error) {
    log.warn('turn_metrics_failed', describeError(error));
  }
}

/** Runs before the history write, so the state it reads is the turn's own (not merged with another device's). */
export function createTurnMetricsInterceptor(deps: TurnMetricsDeps): ResponseInterceptor {
  return { process: (input) => recordTurn(input, deps, false) };
}

/** The error handler, recording the turn (as answered with an error) after it has answered. */
export function withErrorMetrics(handler: ErrorHandler, deps: TurnMetricsDeps): ErrorHandler {
  return {
    canHandle: (input, error) => handler.canHandle(input, error),
    handle: async (input, error) => {
      const response = await handler.handle(input, error);
      recordTurn(input, deps, true);
      return response;
    },
  };
}
