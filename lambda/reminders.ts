/**
 * The bedtime stretch reminder: one daily reminder per listener, created, checked and cancelled through
 * the Alexa Reminders API. History keeps only its alert token. Each function talks to the API and picks
 * the reply; an API failure is answered and changes nothing stored.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { services } from 'ask-sdk-model';
import { AlexaApiError, canCallAlexa, createReminder, deleteReminder, getReminder, hasReminderConsent, listReminders } from './alexa-apis';
import { REMINDER_TEXT } from './content/reminders';
import { isoLocal, localTime } from './local-time';
import { describeError, type Log } from './log';
import * as reminderReplies from './reminder-replies';
import type { Reply } from './replies';
import { parseClockTime, type ClockTime } from './slots';
import { sanitizeAlertToken } from './state/history';
import { turnOf } from './turn';

/**
 * The Reminders API body for a daily reminder at `time`, in the device's time zone (`zone`; when it could
 * not be read, the API's default, the device's own setting, applies) and the request's locale.
 */
export function dailyReminderRequest(time: ClockTime, options: { locale: string; zone?: string; now: number }): services.reminderManagement.ReminderRequest {
  const now = isoLocal(localTime(options.now, options.zone ?? 'UTC'));
  return {
    requestTime: now,
    trigger: {
      type: 'SCHEDULED_ABSOLUTE',
      ...(options.zone ? { timeZoneId: options.zone } : {}),
      recurrence: {
        startDateTime: now,
        recurrenceRules: [`FREQ=DAILY;BYHOUR=${time.hour};BYMINUTE=${time.minute};BYSECOND=0;INTERVAL=1`],
      },
    },
    alertInfo: { spokenInfo: { content: [{ locale: options.locale, text: REMINDER_TEXT }] } },
    pushNotification: { status: 'ENABLED' },
  };
}

/** "Remind me to stretch at ten pm" (or the permission just granted): create it, replacing an older one. */
export async function setStretchReminder(input: HandlerInput, time: ClockTime, log: Log): Promise<Reply> {
  if (!canCallAlexa(input)) return reminderReplies.unavailable();
  if (!hasReminderConsent(input)) return reminderReplies.askPermission(time);
  const turn = turnOf(input);
  const locale = input.requestEnvelope.request.locale ?? 'en-US';
  const zone = turn.state.history.timeZone?.zone;
  let created: services.reminderManagement.ReminderResponse;
  try {
    created = await createReminder(input, dailyReminderRequest(time, { locale, now: turn.now, ...(zone ? { zone } : {}) }));
  } catch (error) {
    if (error instanceof AlexaApiError && error.failure === 'permission') return reminderReplies.askPermission(time);
    log.warn('reminder_create_failed', describeError(error));
    return reminderReplies.setFailed();
  }
  const alertToken = typeof created.alertToken === 'string' ? created.alertToken : undefined;
  if (!alertToken) {
    log.warn('reminder_create_failed', { error: 'NoAlertToken' });
    return reminderReplies.setFailed();
  }
  // One reminder per listener: the new time replaces the old reminder.
  const previous = turn.state.history.reminder;
  if (previous && previous !== alertToken) {
    try {
      await deleteReminder(input, previous);
    } catch (error) {
      if (!(error instanceof AlexaApiError && error.failure === 'notFound')) log.warn('reminder_replace_delete_failed', describeError(error));
    }
  }
  return reminderReplies.reminderSet(time, alertToken, previous !== undefined);
}

/**
 * "Cancel my stretch reminder": the one whose token history keeps or, when history has none (forgotten, or
 * expired after 90 days while the reminder lived on), every reminder this skill set for the listener.
 */
export async function cancelStretchReminder(input: HandlerInput, log: Log): Promise<Reply> {
  const alertToken = turnOf(input).state.history.reminder;
  if (!canCallAlexa(input) || (!alertToken && !hasReminderConsent(input))) return alertToken ? reminderReplies.unavailable() : reminderReplies.noReminder(false);
  try {
    const tokens = alertToken ? [alertToken] : activeReminders(await listReminders(input)).map((reminder) => reminder.alertToken!);
    if (tokens.length === 0) return reminderReplies.noReminder(false);
    for (const token of tokens) await deleteReminder(input, token);
    return reminderReplies.cancelled(false);
  } catch (error) {
    if (error instanceof AlexaApiError && error.failure === 'notFound') return reminderReplies.cancelled(true);
    if (error instanceof AlexaApiError && error.failure === 'permission') return reminderReplies.noAccess();
    log.warn('reminder_cancel_failed', describeError(error));
    return reminderReplies.cancelFailed();
  }
}

/**
 * "Do I have a reminder?": asks Alexa, since the listener may have changed it in the Alexa app; by the
 * stored token, or among the skill's reminders when history has none (and then remembers its token).
 */
export async function checkStretchReminder(input: HandlerInput, log: Log): Promise<Reply> {
  const alertToken = turnOf(input).state.history.reminder;
  if (!canCallAlexa(input) || (!alertToken && !hasReminderConsent(input))) return alertToken ? reminderReplies.unavailable() : reminderReplies.noReminder(false);
  try {
    const reminder = alertToken ? await getReminder(input, alertToken) : activeReminders(await listReminders(input))[0];
    if (!reminder || reminder.status === 'COMPLETED') return reminderReplies.noReminder(alertToken !== undefined);
    const time = ruleTime(reminder.trigger?.recurrence?.recurrenceRules?.[0]);
    return reminderReplies.reminderStatus(time, alertToken ? undefined : reminder.alertToken);
  } catch (error) {
    if (error instanceof AlexaApiError && error.failure === 'notFound') return reminderReplies.noReminder(true);
    if (error instanceof AlexaApiError && error.failure === 'permission') return reminderReplies.noAccess();
    log.warn('reminder_check_failed', describeError(error));
    return reminderReplies.checkFailed();
  }
}

/** The listener's reminders from this skill that are still on, with a token the skill can store and use. */
function activeReminders(list: services.reminderManagement.GetRemindersResponse): services.reminderManagement.Reminder[] {
  return (list.alerts ?? []).filter((reminder) => reminder.status !== 'COMPLETED' && sanitizeAlertToken(reminder.alertToken) !== undefined);
}

/**
 * Alexa's answer to the AskFor directive. Accepted: create the reminder at the time carried in the token.
 * Denied: say so. Not answered, or the device could not ask: the consent card.
 */
export async function permissionAnswered(input: HandlerInput, log: Log): Promise<Reply> {
  const request = input.requestEnvelope.request as { status?: { code?: unknown }; payload?: { status?: unknown }; token?: unknown };
  const code = String(request.status?.code ?? '');
  const answer = request.payload?.status;
  if (code === '200' && answer === 'ACCEPTED') {
    const time = parseClockTime(request.token);
    return time ? setStretchReminder(input, time, log) : reminderReplies.askTime(false);
  }
  if (code === '200' && answer === 'DENIED') return reminderReplies.permissionDenied();
  // Only Alexa's own enumerated values reach the log.
  log.info('reminder_permission_unanswered', { statusCode: /^\d{3}$/.test(code) ? code : 'OTHER', answer: answer === 'NOT_ANSWERED' ? answer : 'OTHER' });
  return reminderReplies.permissionCard();
}

/** BYHOUR and BYMINUTE of a daily rule ("FREQ=DAILY;BYHOUR=22;BYMINUTE=0;..."). */
function ruleTime(rule: unknown): ClockTime | undefined {
  if (typeof rule !== 'string') return undefined;
  const hour = /(?:^|;)BYHOUR=(\d{1,2})(?:;|$)/.exec(rule)?.[1];
  const minute = /(?:^|;)BYMINUTE=(\d{1,2})(?:;|$)/.exec(rule)?.[1] ?? '0';
  if (hour === undefined) return undefined;
  return parseClockTime(`${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`);
}
