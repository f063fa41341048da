import { SkillBuilders } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope, services } from 'ask-sdk-model';
import { DEFAULT_NIGHT_VOICE } from './config';
import { CanFulfillIntentHandler } from './handlers/can-fulfill-handler';
import { CauseDetailHandler, CrampPersistsHandler, ReliefRoutineHandler, TellMeMoreHandler, TopicQuestionHandler } from './handlers/content-handlers';
import { createErrorHandler } from './handlers/error-handler';
import { createReminderHandlers } from './handlers/reminder-handlers';
import type { SkillHandler } from './handlers/handler';
import { FallbackHandler, HelpHandler, LaunchRequestHandler, StopHandler } from './handlers/built-in-handlers';
import {
  createForgetConfirmedHandler,
  createRecentTopicsHandler,
  ForgetHistoryHandler,
  SpeakNormallyHandler,
  SpeakSofterHandler,
} from './handlers/history-handlers';
import {
  createResumeHandler,
  NextHandler,
  NoHandler,
  PauseHandler,
  PreviousHandler,
  RepeatHandler,
  RoutineModeHandler,
  StartOverHandler,
  YesHandler,
} from './handlers/navigation-handlers';
import { NextButtonHandler } from './handlers/screen-handlers';
import { createSessionEndedHandler, createSkillEventHandler, UnhandledRequestHandler } from './handlers/system-handlers';
import { createLoadHistoryInterceptor, createSaveHistoryInterceptor } from './history-interceptors';
import type { NightHours } from './local-time';
import type { Log } from './log';
import { createTurnMetricsInterceptor, withErrorMetrics } from './metrics-interceptors';
import { NO_METRICS, type SkillMetrics } from './metrics';
import { DeadlineHistoryStore, type StoreDeadlines } from './state/deadline-store';
import type { HistoryStore } from './state/history';
import { createTimeZoneInterceptor } from './time-zone';
import { storeCallMetrics } from './turn-metrics';

export interface SkillDeps {
  /** The table (or a test's store); buildSkill gives every call on it a deadline. */
  readonly store: HistoryStore;
  /** Those deadlines (default STORE_DEADLINE_MS). Tests of races rather than of time widen them. */
  readonly storeDeadlines?: StoreDeadlines;
  readonly log: Log;
  /** When set, requests for any other skill are rejected. */
  readonly skillId?: string;
  readonly now?: () => number;
  /**
   * How the skill reaches Alexa's own APIs (Reminders, device Settings) at the request's apiEndpoint:
   * lambda/index.ts wires ask-sdk's DefaultApiClient. Without one the skill makes no such call: the voice
   * stays the night voice and reminders are answered as unavailable.
   */
  readonly alexaApi?: services.ApiClient;
  /** When the soft, slow night voice is used, in the device's local time (default 21:00 until 07:00). */
  readonly nightVoice?: NightHours;
  /**
   * Where each turn's metrics go (lambda/turn-metrics.ts decides what they are), flushed once per invocation:
   * lambda/index.ts wires Powertools (EMF log lines). Without it nothing is recorded.
   */
  readonly metrics?: SkillMetrics;
}

/** The built skill: one request envelope in, one response out. */
export interface BuiltSkill {
  invoke(envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope>;
}

/** Every request handler, in the order ask-sdk tries them (more specific first, the catch-all last). */
export function createHandlers(deps: SkillDeps): SkillHandler[] {
  return [
    CanFulfillIntentHandler,
    RoutineModeHandler,
    NextButtonHandler,
    LaunchRequestHandler,
    TopicQuestionHandler,
    CauseDetailHandler,
    ReliefRoutineHandler,
    CrampPersistsHandler,
    TellMeMoreHandler,
    ...createReminderHandlers(deps.log),
    createForgetConfirmedHandler(deps.store, deps.log),
    YesHandler,
    NoHandler,
    NextHandler,
    PreviousHandler,
    RepeatHandler,
    StartOverHandler,
    createResumeHandler(deps),
    PauseHandler,
    createRecentTopicsHandler(deps),
    ForgetHistoryHandler,
    SpeakSofterHandler,
    SpeakNormallyHandler,
    HelpHandler,
    StopHandler,
    FallbackHandler,
    createSessionEndedHandler(deps.log),
    createSkillEventHandler(deps.store, deps.log),
    UnhandledRequestHandler,
  ];
}

/** The composition root's one job: build the skill from its dependencies. Tests pass fakes. */
export function buildSkill(deps: SkillDeps): BuiltSkill {
  const metrics = deps.metrics ?? NO_METRICS;
  const metricsDeps = { metrics, log: deps.log };
  const store = new DeadlineHistoryStore(deps.store, deps.storeDeadlines, (call) => metrics.record(...storeCallMetrics(call)));
  const historyDeps = { store, log: deps.log, now: deps.now ?? Date.now };
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...createHandlers({ ...deps, store }))
    .addRequestInterceptors(
      createLoadHistoryInterceptor(historyDeps),
      createTimeZoneInterceptor({ log: deps.log, nightVoice: deps.nightVoice ?? DEFAULT_NIGHT_VOICE }),
    )
    // The turn's metrics first: they read the turn's own state, before the write merges in another device's.
    .addResponseInterceptors(createTurnMetricsInterceptor(metricsDeps), createSaveHistoryInterceptor(historyDeps))
    .addErrorHandlers(withErrorMetrics(createErrorHandler(deps.log), metricsDeps))
    .withCustomUserAgent('leg-cramp-helper');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  if (deps.alexaApi) builder.withApiClient(deps.alexaApi);
  const skill = builder.create();
  return {
    // One flush per invocation, whatever happened in it (an event's error propagates to Lambda, after it).
    async invoke(envelope, context) {
      try {
        return await skill.invoke(envelope, context);
      } finally {
        metrics.flush();
      }
    },
  };
}
