import { getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { IntentRequest } from 'ask-sdk-model';
import { CUSTOM_INTENTS } from '../intents';
import type { Log } from '../log';
import * as reminderReplies from '../reminder-replies';
import { cancelStretchReminder, checkStretchReminder, permissionAnswered, setStretchReminder } from '../reminders';
import { respond } from '../respond';
import { resolveReminderTime } from '../slots';
import { isIntent, type SkillHandler } from './handler';

/** The bedtime stretch reminder's handlers: set, cancel, check, and Alexa's answer to the permission request. */
export function createReminderHandlers(log: Log): SkillHandler[] {
  const set: SkillHandler = {
    intents: [CUSTOM_INTENTS.setStretchReminder],
    canHandle: (input) => isIntent(input, set.intents),
    handle: async (input) => {
      const request = resolveReminderTime((input.requestEnvelope.request as IntentRequest).intent);
      const reply = request.status === 'time' ? await setStretchReminder(input, request.time, log) : reminderReplies.askTime(request.status === 'vague');
      return respond(input, reply);
    },
  };
  const cancel: SkillHandler = {
    intents: [CUSTOM_INTENTS.cancelStretchReminder],
    canHandle: (input) => isIntent(input, cancel.intents),
    handle: async (input) => respond(input, await cancelStretchReminder(input, log)),
  };
  const check: SkillHandler = {
    intents: [CUSTOM_INTENTS.checkStretchReminder],
    canHandle: (input) => isIntent(input, check.intents),
    handle: async (input) => respond(input, await checkStretchReminder(input, log)),
  };
  const permission: SkillHandler = {
    intents: [],
    canHandle: (input) => isPermissionAnswer(input),
    handle: async (input) => respond(input, await permissionAnswered(input, log)),
  };
  return [set, cancel, check, permission];
}

/** Alexa's Connections.Response to the skill's AskFor directive. */
function isPermissionAnswer(input: HandlerInput): boolean {
  return getRequestType(input.requestEnvelope) === 'Connections.Response' && (input.requestEnvelope.request as { name?: unknown }).name === 'AskFor';
}
