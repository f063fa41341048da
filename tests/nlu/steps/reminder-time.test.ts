/** The reminder's spoken time (nlu/steps/reminder-time.ts), around a stand-in for the rest of the NLU. */
import { CUSTOM_INTENTS, REMINDER_TIME_SLOT } from '../../../lambda/intents';
import { reminderAt, withReminderTime } from '../../../nlu/steps/reminder-time';
import type { Understanding } from '../../../nlu/understanding';

/** Understands "remind me to stretch" (and nothing else) as the reminder, remembering what it was asked. */
function standIn(): { heard: string[]; understand: (words: string) => Promise<Understanding> } {
  const heard: string[] = [];
  return {
    heard,
    understand: async (words) => {
      heard.push(words);
      const name = /^remind me to stretch/.test(words) ? CUSTOM_INTENTS.setStretchReminder : CUSTOM_INTENTS.prevention;
      return { intent: { name, confirmationStatus: 'NONE', slots: {} }, score: 0.5, lead: 0.2, nlpIntent: name, confident: true };
    },
  };
}

it('fills the time slot with the value Alexa sends when the rest asks for the reminder', async () => {
  const { understand } = standIn();
  const understood = await withReminderTime('remind me to stretch at ten pm', understand);
  expect(understood.intent.slots?.[REMINDER_TIME_SLOT]).toEqual({ name: REMINDER_TIME_SLOT, value: '22:00', confirmationStatus: 'NONE' });
  expect(understood.score).toBe(0.5);
});

it('takes a line that is only a time for the answer to "what time?"', async () => {
  const { understand, heard } = standIn();
  expect(await withReminderTime('make it half past nine pm', understand)).toEqual(reminderAt('21:30'));
  expect(heard).toEqual([]);
});

it('sends the reminder with no time when none was said', async () => {
  const { understand } = standIn();
  expect((await withReminderTime('remind me to stretch', understand)).intent).toEqual(reminderAt(undefined).intent);
});

it('leaves other requests, time words and all, to the rest of the NLU', async () => {
  const { understand, heard } = standIn();
  expect((await withReminderTime('how do i stop cramps at night', understand)).intent.name).toBe(CUSTOM_INTENTS.prevention);
  expect(heard).toEqual(['how do i stop cramps', 'how do i stop cramps at night']);
});
