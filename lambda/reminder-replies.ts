/**
 * The bedtime stretch reminder's side of the conversation, as pure functions to a Reply (like replies.ts).
 * lambda/reminders.ts decides which one after talking to the Reminders API.
 */
import * as say from './content/reminders';
import { CUSTOM_INTENTS, REMINDER_TIME_SLOT } from './intents';
import { WHAT_NEXT, type Reply } from './replies';
import { setReminder } from './state/changes';
import type { ClockTime } from './slots';

/**
 * No time yet ("remind me to stretch"), or only a vague one ("in the evening"): ask for a clock time, as
 * the reminder intent's time slot, so a bare "ten pm" in answer is understood.
 */
export function askTime(vague: boolean): Reply {
  return {
    speech: vague ? [say.REMINDER_EXACT_TIME] : [],
    ask: { question: say.REMINDER_WHEN_QUESTION, reprompt: say.REMINDER_WHEN_REPROMPT },
    elicit: { intent: CUSTOM_INTENTS.setStretchReminder, slot: REMINDER_TIME_SLOT },
  };
}

/**
 * "At ten": Alexa sends 10:00 for a time said without a.m. or p.m. A morning hour for a bedtime reminder is
 * checked with a yes/no question before anything is set.
 */
export function needsEveningCheck(time: ClockTime): boolean {
  return time.hour >= 1 && time.hour <= 11;
}

export function askEvening(time: ClockTime): Reply {
  const evening = say.spokenTime(time.hour + 12, time.minute);
  return {
    speech: [],
    ask: { question: say.eveningQuestion(evening), reprompt: say.eveningReprompt(evening, say.spokenTime(time.hour, time.minute)) },
    offer: { kind: 'reminderEvening', time: clockToken(time) },
  };
}

/** The reminder exists now: say when, every day (Alexa's guidelines: confirm the time and the recurrence). */
export function reminderSet(time: ClockTime, alertToken: string, moved: boolean): Reply {
  const when = say.spokenTime(time.hour, time.minute);
  return { speech: [moved ? say.reminderMoved(when) : say.reminderSet(when)], ask: WHAT_NEXT, change: setReminder(alertToken) };
}

/** Ask for the permission by voice; the time travels in the directive's token. */
export function askPermission(time: ClockTime): Reply {
  return { speech: [say.REMINDER_PERMISSION_LEAD], permission: { ask: 'voice', token: clockToken(time) } };
}

/** Asking by voice did not work (not answered, or the device cannot): the consent card instead. */
export function permissionCard(): Reply {
  return { speech: [say.REMINDER_PERMISSION_CARD], permission: { ask: 'card' } };
}

export function permissionDenied(): Reply {
  return { speech: [say.REMINDER_PERMISSION_DENIED], ask: WHAT_NEXT };
}

export function setFailed(): Reply {
  return { speech: [say.REMINDER_SET_FAILED], ask: WHAT_NEXT };
}

export function noReminder(forgetStale: boolean): Reply {
  return {
    speech: [say.REMINDER_NONE, say.REMINDER_NONE_HINT],
    ask: WHAT_NEXT,
    // Alexa no longer has the stored one (deleted in the Alexa app): stop remembering its token.
    ...(forgetStale ? { change: setReminder(undefined) } : {}),
  };
}

/** `found`: the token of a reminder found among the skill's reminders (history had none): remember it. */
export function reminderStatus(time: ClockTime | undefined, found?: string): Reply {
  return { speech: [say.reminderStatus(time && say.spokenTime(time.hour, time.minute))], ask: WHAT_NEXT, ...(found ? { change: setReminder(found) } : {}) };
}

export function cancelled(alreadyGone: boolean): Reply {
  return { speech: [alreadyGone ? say.REMINDER_ALREADY_GONE : say.REMINDER_CANCELLED], ask: WHAT_NEXT, change: setReminder(undefined) };
}

export function cancelFailed(): Reply {
  return { speech: [say.REMINDER_CANCEL_FAILED], ask: WHAT_NEXT };
}

export function checkFailed(): Reply {
  return { speech: [say.REMINDER_CHECK_FAILED], ask: WHAT_NEXT };
}

export function noAccess(): Reply {
  return { speech: [say.REMINDER_NO_ACCESS], ask: WHAT_NEXT };
}

export function unavailable(): Reply {
  return { speech: [say.REMINDERS_UNAVAILABLE], ask: WHAT_NEXT };
}

/** "22:05": the AskFor directive's token, returned as-is in the Connections.Response. */
export function clockToken(time: ClockTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}
