import { SkillBuilders, type Skill } from 'ask-sdk-core';
import { CauseDetailHandler, ReliefRoutineHandler, TellMeMoreHandler, TopicQuestionHandler } from './handlers/content-handlers';
import { createErrorHandler } from './handlers/error-handler';
import type { SkillHandler } from './handlers/handler';
import { FallbackHandler, HelpHandler, LaunchRequestHandler, StopHandler } from './handlers/built-in-handlers';
import {
  createForgetConfirmedHandler,
  ForgetHistoryHandler,
  RecentTopicsHandler,
  SpeakNormallyHandler,
  SpeakSofterHandler,
} from './handlers/history-handlers';
import {
  NextHandler,
  NoHandler,
  PauseHandler,
  PreviousHandler,
  RepeatHandler,
  ResumeHandler,
  RoutineModeHandler,
  StartOverHandler,
  YesHandler,
} from './handlers/navigation-handlers';
import { createSessionEndedHandler, createSkillEventHandler, UnhandledRequestHandler } from './handlers/system-handlers';
import { createLoadHistoryInterceptor, createSaveHistoryInterceptor } from './history-interceptors';
import type { Log } from './log';
import type { HistoryStore } from './state/history';

export interface SkillDeps {
  readonly store: HistoryStore;
  readonly log: Log;
  /** When set, requests for any other skill are rejected. */
  readonly skillId?: string;
  readonly now?: () => number;
}

/** Every request handler, in the order ask-sdk tries them (more specific first, the catch-all last). */
export function createHandlers(deps: SkillDeps): SkillHandler[] {
  return [
    RoutineModeHandler,
    LaunchRequestHandler,
    TopicQuestionHandler,
    CauseDetailHandler,
    ReliefRoutineHandler,
    TellMeMoreHandler,
    createForgetConfirmedHandler(deps.store, deps.log),
    YesHandler,
    NoHandler,
    NextHandler,
    PreviousHandler,
    RepeatHandler,
    StartOverHandler,
    ResumeHandler,
    PauseHandler,
    RecentTopicsHandler,
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
  const historyDeps = { store: deps.store, log: deps.log, now: deps.now ?? Date.now };
  const builder = SkillBuilders.custom()
    .addRequestHandlers(...createHandlers(deps))
    .addRequestInterceptors(createLoadHistoryInterceptor(historyDeps))
    .addResponseInterceptors(createSaveHistoryInterceptor(historyDeps))
    .addErrorHandlers(createErrorHandler(deps.log))
    .withCustomUserAgent('leg-cramp-helper');
  if (deps.skillId) builder.withSkillId(deps.skillId);
  return builder.create();
}
