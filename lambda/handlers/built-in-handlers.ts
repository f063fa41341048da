import { getRequestType } from 'ask-sdk-core';
import { BUILT_IN_INTENTS } from '../intents';
import * as replies from '../replies';
import { respond } from '../respond';
import { turnOf } from '../turn';
import { answering, type SkillHandler } from './handler';

export const LaunchRequestHandler: SkillHandler = {
  intents: [],
  canHandle: (input) => getRequestType(input.requestEnvelope) === 'LaunchRequest',
  handle: (input) => respond(input, replies.welcome(turnOf(input).state.history)),
};

export const HelpHandler = answering([BUILT_IN_INTENTS.help], ({ turn }) => replies.help(turn.state.history));

/** Stop, Cancel and Navigate Home all close the skill quietly. */
export const StopHandler = answering([BUILT_IN_INTENTS.stop, BUILT_IN_INTENTS.cancel, BUILT_IN_INTENTS.navigateHome], () => replies.goodbye());

export const FallbackHandler = answering([BUILT_IN_INTENTS.fallback], () => replies.fallback());
