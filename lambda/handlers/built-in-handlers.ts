import { getRequestType } from 'ask-sdk-core';
import { BUILT_IN_INTENTS } from '../intents';
import * as replies from '../replies';
import { respond } from '../respond';
import { turnOf } from '../turn';
import { isIntent, type SkillHandler } from './handler';

export const LaunchRequestHandler: SkillHandler = {
  intents: [],
  canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
  handle: (input) => respond(input, replies.welcome(turnOf(input).state.history)),
};

export const HelpHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.help],
  canHandle: (input) => isIntent(input, HelpHandler.intents),
  handle: (input) => respond(input, replies.help(turnOf(input).state.history)),
};

/** Stop, Cancel and Navigate Home all close the skill quietly. */
export const StopHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.stop, BUILT_IN_INTENTS.cancel, BUILT_IN_INTENTS.navigateHome],
  canHandle: (input) => isIntent(input, StopHandler.intents),
  handle: (input) => respond(input, replies.goodbye()),
};

export const FallbackHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.fallback],
  canHandle: (input) => isIntent(input, FallbackHandler.intents),
  handle: (input) => respond(input, replies.fallback()),
};
