import { BUILT_IN_INTENTS } from '../intents';
import * as replies from '../replies';
import { respond } from '../respond';
import { turnOf } from '../turn';
import { isIntent, type SkillHandler } from './handler';

/** Next, Previous, Repeat, Start Over: move through the routine, or through the current topic. */
export const NextHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.next],
  canHandle: (input) => isIntent(input, NextHandler.intents),
  handle: (input) => respond(input, replies.next(turnOf(input).state)),
};

export const PreviousHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.previous],
  canHandle: (input) => isIntent(input, PreviousHandler.intents),
  handle: (input) => respond(input, replies.previous(turnOf(input).state.history)),
};

export const RepeatHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.repeat],
  canHandle: (input) => isIntent(input, RepeatHandler.intents),
  handle: (input) => respond(input, replies.repeat(turnOf(input).state.history)),
};

export const StartOverHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.startOver],
  canHandle: (input) => isIntent(input, StartOverHandler.intents),
  handle: (input) => respond(input, replies.startOver(turnOf(input).state.history)),
};

/** Yes and No answer whatever the last reply offered. (Yes to "forget my history" is ForgetConfirmedHandler.) */
export const YesHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.yes],
  canHandle: (input) => isIntent(input, YesHandler.intents),
  handle: (input) => respond(input, replies.yes(turnOf(input).state)),
};

export const NoHandler: SkillHandler = {
  intents: [BUILT_IN_INTENTS.no],
  canHandle: (input) => isIntent(input, NoHandler.intents),
  handle: (input) => respond(input, replies.no(turnOf(input).state)),
};
