import { getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { IntentRequest } from 'ask-sdk-model';
import { BUILT_IN_INTENTS, CUSTOM_INTENTS } from '../intents';
import type { Log } from '../log';
import * as reminderReplies from '../reminder-replies';
import { cancelStretchReminder, checkStretchReminder, permissionAnswered, setStretchReminder } from '../reminders';
import { respond } from '../respond';
import { parseClockTime, resolveReminderTime } from '../slots';
import { turnOf } from '../turn';
import { isIntent, type SkillHandler } from './handler';

/** The bedtime stretch reminder's handlers: set, cancel, check, and Alexa's answer to the permission request. */
export function createReminderHandlers(log: Log): SkillHandler[] {
  const set: SkillHandler = {
    intents: [CUSTOM_INTENTS.setStretchReminder],
    canHandle: (input) => isIntent(input, set.intents),
    handle: async (input) => {
      const request = resolveReminderTime((input.requestEnvelope.request as IntentRequest).intent);
      if (request.status !== 'time') return respond(input, reminderReplies.askTime(request.status === 'vague'));
      if (reminderReplies.needsEveningCheck(request.time)) return respond(input, reminderReplies.askEvening(request.time));
      return respond(input, await setStretchReminder(input, request.time, log));
    },
  };
  /** Yes or no to "Just to check: ten p.m., in the evening?". */
  const evening: SkillHandler = {
    intents: [BUILT_IN_INTENTS.yes, BUILT_IN_INTENTS.no],
    canHandle: (input) => isIntent(input, evening.intents) && turnOf(input).state.offer?.kind === 'reminderEvening',
    handle: async (input) => {
      const offer = turnOf(input).state.offer as { time: string };
      const morning = parseClockTime(offer.time)!;
      const yes = (input.requestEnvelope.request as IntentRequest).intent.name === BUILT_IN_INTENTS.yes;
      return respond(input, await setStretchReminder(input, yes ? { hour: morning.hour + 12, minute: morning.minute } : morning, log));
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
  return [set, evening, cancel, check, permission];
}

/** Alexa's Connections.Response to the skill's AskFor directive. */
function isPermissionAnswer(input: HandlerInput): boolean {
  return getRequestType(input.requestEnvelope) === 'Connections.Response' && (input.requestEnvelope.request as { name?: unknown }).name === 'AskFor';
}
