/**
 * Alexa's AMAZON.TIME slot, locally (nlu/time-words.ts): a time in the line ("at ten pm") is taken out
 * before the rest is understood; a line that is only a time answers "What time should I remind you?". The
 * reminder intent's time slot is always the value Alexa would send ("22:00"), or empty. This step runs
 * around the others: it decides which words they understand.
 */
import { CUSTOM_INTENTS, REMINDER_TIME_SLOT } from '../../lambda/intents';
import { heardTime, onlyFiller } from '../time-words';
import type { Understanding } from '../understanding';

export async function withReminderTime(utterance: string, understand: (words: string) => Promise<Understanding>): Promise<Understanding> {
  const time = heardTime(utterance);
  if (time && onlyFiller(time.rest)) return reminderAt(time.value);
  const understood = time ? await understand(time.rest) : undefined;
  if (understood?.intent.name === CUSTOM_INTENTS.setStretchReminder) return { ...understood, intent: reminderAt(time!.value).intent };
  const whole = await understand(utterance);
  return whole.intent.name === CUSTOM_INTENTS.setStretchReminder ? { ...whole, intent: reminderAt(undefined).intent } : whole;
}

/** SetStretchReminderIntent with its time slot as Alexa sends it: a value, or none. */
export function reminderAt(value: string | undefined): Understanding {
  const slot = value === undefined ? { name: REMINDER_TIME_SLOT, confirmationStatus: 'NONE' as const } : { name: REMINDER_TIME_SLOT, value, confirmationStatus: 'NONE' as const };
  return {
    intent: { name: CUSTOM_INTENTS.setStretchReminder, confirmationStatus: 'NONE', slots: { [REMINDER_TIME_SLOT]: slot } },
    score: 1,
    lead: 1,
    nlpIntent: CUSTOM_INTENTS.setStretchReminder,
    confident: true,
  };
}
