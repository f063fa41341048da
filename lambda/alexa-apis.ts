/**
 * The skill's calls to Alexa's own APIs (the Reminders API and the device Settings API), through ask-sdk's
 * service clients and the ApiClient the composition root gave the skill (lambda/skill.ts). Each call has a
 * deadline, and every failure becomes one AlexaApiError saying what kind of failure it was, so handlers
 * can answer it without knowing HTTP.
 */
import type { HandlerInput } from 'ask-sdk-core';
import type { services } from 'ask-sdk-model';

/** The permission a skill needs to create and manage reminders (declared in infra/skill-package/skill.json). */
export const REMINDERS_PERMISSION = 'alexa::alerts:reminders:skill:readwrite';

/**
 * How long a call may take. The time zone only chooses the voice, so it waits 300 ms at most, and the
 * night voice is used without it. A reminder is what the listener asked for: 2 s, which with the history
 * load (1 s) and save (1.2 s) deadlines keeps a turn well inside Alexa's 8 s.
 */
export const ALEXA_API_DEADLINE_MS = { timeZone: 300, reminders: 2000 } as const;

/**
 * - permission: 401/403 (no consent, or it was withdrawn);
 * - notFound: 404 (e.g. the reminder was deleted in the Alexa app);
 * - unavailable: anything else: 5xx, a refused connection, no answer within the deadline.
 */
export type AlexaApiFailure = 'permission' | 'notFound' | 'unavailable';

export class AlexaApiError extends Error {
  constructor(
    readonly operation: string,
    readonly failure: AlexaApiFailure,
    options: { cause?: unknown; message?: string } = {},
  ) {
    super(options.message ?? `Alexa API ${operation} failed (${failure})`, { cause: options.cause });
    this.name = 'AlexaApiError';
  }
}

/** Whether this request can call Alexa's APIs at all: an ApiClient was wired, and Alexa sent an access token. */
export function canCallAlexa(input: HandlerInput): boolean {
  return !!input.serviceClientFactory && !!input.requestEnvelope.context?.System?.apiAccessToken;
}

/** Whether the listener has granted the reminders permission (Alexa then sends a consent token). */
export function hasReminderConsent(input: HandlerInput): boolean {
  const permissions = input.requestEnvelope.context?.System?.user?.permissions as
    | { consentToken?: unknown; scopes?: Record<string, { status?: unknown } | undefined> }
    | undefined;
  const consented = typeof permissions?.consentToken === 'string' && permissions.consentToken.length > 0;
  return consented || permissions?.scopes?.[REMINDERS_PERMISSION]?.status === 'GRANTED';
}

/** The device's IANA time zone ("America/New_York") from the Settings API. */
export function readDeviceTimeZone(input: HandlerInput): Promise<string> {
  return callAlexa('getSystemTimeZone', ALEXA_API_DEADLINE_MS.timeZone, () => {
    const deviceId = input.requestEnvelope.context?.System?.device?.deviceId;
    if (!deviceId) throw new AlexaApiError('getSystemTimeZone', 'unavailable', { message: 'The request names no device' });
    return factory(input).getUpsServiceClient().getSystemTimeZone(deviceId);
  });
}

export function createReminder(input: HandlerInput, request: services.reminderManagement.ReminderRequest): Promise<services.reminderManagement.ReminderResponse> {
  return callAlexa('createReminder', ALEXA_API_DEADLINE_MS.reminders, () => factory(input).getReminderManagementServiceClient().createReminder(request));
}

export function deleteReminder(input: HandlerInput, alertToken: string): Promise<void> {
  return callAlexa('deleteReminder', ALEXA_API_DEADLINE_MS.reminders, () => factory(input).getReminderManagementServiceClient().deleteReminder(alertToken));
}

export function getReminder(input: HandlerInput, alertToken: string): Promise<services.reminderManagement.GetReminderResponse> {
  return callAlexa('getReminder', ALEXA_API_DEADLINE_MS.reminders, () => factory(input).getReminderManagementServiceClient().getReminder(alertToken));
}

/** Every reminder this skill has set for the listener (the API returns only the calling skill's). */
export function listReminders(input: HandlerInput): Promise<services.reminderManagement.GetRemindersResponse> {
  return callAlexa('getReminders', ALEXA_API_DEADLINE_MS.reminders, () => factory(input).getReminderManagementServiceClient().getReminders());
}

function factory(input: HandlerInput) {
  if (!input.serviceClientFactory) throw new AlexaApiError('serviceClientFactory', 'unavailable', { message: 'No ApiClient was wired into the skill' });
  return input.serviceClientFactory;
}

/**
 * Runs one call against its deadline. ask-sdk's DefaultApiClient has no timeout of its own, so a late
 * answer is abandoned, not awaited: its socket closes when the server answers or the container ends.
 */
async function callAlexa<T>(operation: string, ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AlexaApiError(operation, 'unavailable', { message: `Alexa API ${operation} took longer than ${ms} ms` })), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(call), late]);
  } catch (error) {
    throw error instanceof AlexaApiError ? error : new AlexaApiError(operation, failureOf(error), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** ask-sdk's ServiceError carries the HTTP status as `statusCode`. */
function failureOf(error: unknown): AlexaApiFailure {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  if (status === 401 || status === 403) return 'permission';
  if (status === 404) return 'notFound';
  return 'unavailable';
}
