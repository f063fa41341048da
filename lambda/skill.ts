import { SkillBuilders, type Skill } from 'ask-sdk-core';
import type { services } from 'ask-sdk-model';
import { DEFAULT_NIGHT_VOICE } from './config';
import { CanFulfillIntentHandler } from './handlers/can-fulfill-handler';
import { CauseDetailHandler, ReliefRoutineHandler, TellMeMoreHandler, TopicQuestionHandler } from './handlers/content-handlers';
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
import { DeadlineHistoryStore } from './state/deadline-store';
import type { HistoryStore } from './state/history';
import { createTimeZoneInterceptor } from './time-zone';

export interface SkillDeps {
  /** The table (or a test's store); buildSkill gives every call on it a deadline. */
  readonly store: HistoryStore;
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
export function buildSkill(deps: SkillDeps): Skill {
  const store = new DeadlineHistoryStore(deps.store);
  const historyDeps = { store, log: deps.log, now: deps.now ?? Date.now };
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...createHandlers({ ...deps, store }))
    .addRequestInterceptors(
      createLoadHistoryInterceptor(historyDeps),
      createTimeZoneInterceptor({ log: deps.log, nightVoice: deps.nightVoice ?? DEFAULT_NIGHT_VOICE }),
    )
    .addResponseInterceptors(createSaveHistoryInterceptor(historyDeps))
    .addErrorHandlers(createErrorHandler(deps.log))
    .withCustomUserAgent('leg-cramp-helper');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  if (deps.alexaApi) builder.withApiClient(deps.alexaApi);
  return builder.create();
}
