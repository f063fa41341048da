import { SKILL_NAME } from './prompts';
import type { Passage } from './types';

/**
 * What the skill says about the bedtime stretch reminder, and what the reminder itself says at the time
 * the listener chose. Its reason to stretch is a fact (stretching before bed can help), so it records the
 * article section it comes from, like a topic passage.
 */

/** The reminder's opening words: framing, not a claim. */
export const REMINDER_LEAD = 'Time for your bedtime stretch.';

/** Why stretch: the article's first prevention tip, hedged as the article hedges it. */
export const REMINDER_REASON: Passage = {
  text: 'Stretching your legs before bedtime can help keep the muscles flexible and less likely to cramp.',
  sections: ['Prevention and Treatment'],
};

/**
 * Spoken by Alexa at the reminder time (twice, after "Here's your reminder"). Kept short: well under the
 * REMINDER_TEXT_MAX_CHARS the skill allows itself for Alexa's reminder text.
 */
export const REMINDER_TEXT = `${REMINDER_LEAD} ${REMINDER_REASON.text}`;

/** The skill's own ceiling for a reminder's text: Alexa reads it out twice, so it stays one or two short sentences. */
export const REMINDER_TEXT_MAX_CHARS = 140;

/** "22:00" → "ten p.m.", "21:30" → "nine thirty p.m.", "07:05" → "seven oh five a.m.", "00:00" → "midnight". */
export function spokenTime(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight';
  if (minute === 0 && hour === 12) return 'noon';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const minutes = minute === 0 ? '' : minute < 10 ? ` oh ${NUMBERS[minute]}` : ` ${twoDigitWords(minute)}`;
  return `${NUMBERS[h12]}${minutes} ${hour < 12 ? 'a.m.' : 'p.m.'}`;
}

const NUMBERS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty'];

function twoDigitWords(n: number): string {
  if (n < 20) return NUMBERS[n]!;
  const ones = n % 10;
  return ones === 0 ? TENS[Math.floor(n / 10)]! : `${TENS[Math.floor(n / 10)]} ${NUMBERS[ones]}`;
}

export const REMINDER_WHEN_QUESTION = 'What time should I remind you to stretch each evening?';
export const REMINDER_WHEN_REPROMPT = 'Say a time, like: nine thirty p.m. What time should I remind you?';
/** The listener said "in the evening" or "at night" (Alexa's EV, NI): a reminder needs a clock time. */
export const REMINDER_EXACT_TIME = 'I need an exact time for the reminder.';

/** A time said without a.m. or p.m. ("at ten"): a bedtime reminder is most likely meant for the evening. */
export function eveningQuestion(evening: string): string {
  return `Just to check: ${evening}, in the evening?`;
}
export function eveningReprompt(evening: string, morning: string): string {
  return `Say yes for ${evening}, or no for ${morning}. Did you mean ${evening}?`;
}

export function reminderSet(time: string): string {
  return `Done. Every day at ${time}, I'll remind you to stretch your legs before bed.`;
}
export function reminderMoved(time: string): string {
  return `Done. I've moved your stretch reminder to ${time}, every day.`;
}

/** Said just before Alexa's own permission question (the Connections.SendRequest AskFor directive). */
export const REMINDER_PERMISSION_LEAD = 'To set a daily reminder, I need your permission to use reminders.';
/** After "no" to Alexa's permission question. */
export const REMINDER_PERMISSION_DENIED =
  "Okay, I won't set a reminder. If you change your mind, you can allow reminders for " + `${SKILL_NAME} in the Alexa app.`;
/** When asking by voice was not possible or went unanswered: a permission card in the Alexa app instead. */
export const REMINDER_PERMISSION_CARD =
  "I've sent a card to your Alexa app. Allow reminders there, then ask me again to remind you to stretch.";

export const REMINDER_NONE = "You don't have a stretch reminder from me.";
export const REMINDER_NONE_HINT = 'To set one, say: remind me to stretch at nine p.m. each night.';
export function reminderStatus(time: string | undefined): string {
  return time ? `You have a stretch reminder from me every day at ${time}, to stretch your legs before bed.` : 'You have a daily stretch reminder from me.';
}
export const REMINDER_CANCELLED = "Done. I've cancelled your stretch reminder.";
export const REMINDER_ALREADY_GONE = 'That reminder was already gone, so there is nothing to cancel.';

export const REMINDER_SET_FAILED = "Sorry, I couldn't set the reminder just now. Please try again in a little while.";
export const REMINDER_CANCEL_FAILED = "Sorry, I couldn't cancel the reminder just now. Your reminder is unchanged. Please try again in a little while.";
export const REMINDER_CHECK_FAILED = "Sorry, I couldn't check your reminder just now. Please try again in a little while.";
/** Reminders were switched off for the skill after it set one: only the Alexa app can change it now. */
export const REMINDER_NO_ACCESS =
  `Reminders are switched off for ${SKILL_NAME}, so I can't change your reminder. You can manage it in the Alexa app.`;
/** No Alexa API access in this request (a device or test without one). */
export const REMINDERS_UNAVAILABLE = "Sorry, I can't set reminders on this device.";
