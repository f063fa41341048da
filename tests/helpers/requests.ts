/**
 * The tests' request envelopes: simulation/envelope.ts's builders (the one place envelopes are built) with
 * the ids of the real requests in tests/fixtures, changing only what a test names.
 * tests/simulation/envelope.test.ts checks that what they build matches those fixtures.
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import {
  AlexaSession,
  canFulfillEnvelope,
  intentEnvelope,
  intentNamed,
  launchEnvelope,
  permissionResponseEnvelope,
  sessionEndedEnvelope,
  skillDisabledEnvelope,
  spokenText,
  userEventEnvelope,
  type EnvelopeContext,
  type Invoke,
  type Listener,
  type ScreenShape,
  type SlotInput,
} from '../../simulation/envelope';

export type { Invoke, SlotInput } from '../../simulation/envelope';

export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
export const TEST_USER_ID = 'amzn1.ask.account.AMAXAMPLEUSERID1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The fixtures' device and session. */
export const TEST_DEVICE_ID = 'amzn1.ask.device.AEXAMPLEDEVICEID';
export const TEST_SESSION_ID = 'amzn1.echo-api.session.0f1e6f4c-7d1c-4d43-9b4f-2d8b1c6c1a11';

export interface EnvelopeOptions {
  readonly locale?: string;
  readonly userId?: string;
  readonly attributes?: Record<string, unknown>;
  readonly newSession?: boolean;
  readonly skillId?: string;
  /**
   * Alexa's APIs for this request: a local stand-in's endpoint and access token (simulation/alexa-api-stand-in.ts),
   * and the reminders consent when granted. Without it the envelope carries no apiAccessToken, so no test
   * ever reaches the real https://api.amazonalexa.com.
   */
  readonly alexaApi?: { readonly endpoint: string; readonly accessToken: string; readonly consentToken?: string };
  /** The device id (the fixtures' by default). */
  readonly deviceId?: string;
  /** A device with an APL screen of this shape (Echo Show: rectangle, Echo Spot: round); absent: voice only. */
  readonly screen?: ScreenShape;
}

function listenerOf(options: EnvelopeOptions, screen: ScreenShape | undefined = options.screen): Listener {
  const api = options.alexaApi;
  return {
    skillId: options.skillId ?? TEST_SKILL_ID,
    userId: options.userId ?? TEST_USER_ID,
    locale: options.locale ?? 'en-US',
    deviceId: options.deviceId ?? TEST_DEVICE_ID,
    ...(api ? { api: { endpoint: api.endpoint, accessToken: api.accessToken, consentToken: () => api.consentToken } } : {}),
    ...(screen ? { screen } : {}),
  };
}

/** In the fixtures' session: new for a launch, ongoing otherwise, unless the test says. */
function contextOf(options: EnvelopeOptions, newSession: boolean, screen?: ScreenShape): EnvelopeContext {
  return {
    ...listenerOf(options, screen),
    sessionId: TEST_SESSION_ID,
    newSession: options.newSession ?? newSession,
    attributes: options.attributes ?? {},
  };
}

export function launchRequest(options: EnvelopeOptions = {}): RequestEnvelope {
  return launchEnvelope(contextOf(options, true));
}

export function intentRequest(name: string, slots: Record<string, SlotInput | undefined> = {}, options: EnvelopeOptions = {}): RequestEnvelope {
  return intentEnvelope(contextOf(options, false), intentNamed(name, slots, options.skillId ?? TEST_SKILL_ID));
}

/**
 * Alexa's answer to the skill's AskFor directive (the reminders permission): a Connections.Response with
 * the user's answer and the directive's token, in the same session.
 */
export function permissionResponse(
  answer: { status: 'ACCEPTED' | 'DENIED' | 'NOT_ANSWERED'; token: string; code?: string },
  options: EnvelopeOptions = {},
): RequestEnvelope {
  return permissionResponseEnvelope(contextOf(options, false), answer.status, answer.token, answer.code);
}

/** A touch on the night screen: the Next button's SendEvent, from an Echo Show unless the test names a shape. */
export function userEventRequest(args: readonly unknown[], options: EnvelopeOptions = {}): RequestEnvelope {
  return userEventEnvelope(contextOf(options, false, options.screen ?? 'RECTANGLE'), args);
}

/** Alexa asking whether the skill can answer an intent said without its name (no session). */
export function canFulfillRequest(name: string, slots: Record<string, SlotInput | undefined> = {}, options: EnvelopeOptions = {}): RequestEnvelope {
  const { confirmationStatus: _none, ...intent } = intentNamed(name, slots, options.skillId ?? TEST_SKILL_ID);
  return canFulfillEnvelope(listenerOf(options), intent);
}

export function sessionEndedRequest(options: EnvelopeOptions = {}): RequestEnvelope {
  return sessionEndedEnvelope(contextOf(options, false));
}

export function skillDisabledEvent(options: EnvelopeOptions & { persisted?: boolean } = {}): RequestEnvelope {
  return skillDisabledEnvelope(listenerOf(options), options.persisted === true);
}

/** One listener talking to the skill (simulation/envelope.ts's session keeper), with the tests' ids. */
export class Conversation extends AlexaSession {
  constructor(invoke: Invoke, options: EnvelopeOptions = {}) {
    super(invoke, listenerOf(options));
  }
}

/** The words of a reply's speech, SSML removed. */
export function spoken(envelope: ResponseEnvelope): string {
  const speech = envelope.response.outputSpeech;
  return speech && speech.type === 'SSML' ? stripSsml(speech.ssml) : '';
}

export function reprompt(envelope: ResponseEnvelope): string {
  const speech = envelope.response.reprompt?.outputSpeech;
  return speech && speech.type === 'SSML' ? stripSsml(speech.ssml) : '';
}

export function stripSsml(ssml: string): string {
  return spokenText(ssml, { pauses: false });
}
