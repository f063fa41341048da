import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { spokenText } from '../../simulation/envelope';
import launchFixture from '../fixtures/launch-request.json';
import intentFixture from '../fixtures/intent-request.json';
import sessionEndedFixture from '../fixtures/session-ended-request.json';
import skillDisabledFixture from '../fixtures/skill-disabled-event.json';
import userEventFixture from '../fixtures/apl-user-event-request.json';
import canFulfillFixture from '../fixtures/can-fulfill-intent-request.json';

/** Builds Alexa request envelopes from the real fixtures in tests/fixtures, changing only what a test names. */

export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
export const TEST_USER_ID = 'amzn1.ask.account.AMAXAMPLEUSERID1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface EnvelopeOptions {
  readonly locale?: string;
  readonly userId?: string;
  readonly attributes?: Record<string, unknown>;
  readonly newSession?: boolean;
  readonly skillId?: string;
  /**
   * Alexa's APIs for this request: a local stand-in's endpoint and access token (simulation/alexa-api-stand-in.ts),
   * and the reminders consent when granted. Without it the envelope carries no apiAccessToken, so no test
   * ever reaches the fixtures' real https://api.amazonalexa.com.
   */
  readonly alexaApi?: { readonly endpoint: string; readonly accessToken: string; readonly consentToken?: string };
  /** The device id (the fixtures' by default). */
  readonly deviceId?: string;
  /** A device with an APL screen of this shape (Echo Show: rectangle, Echo Spot: round); absent: voice only. */
  readonly screen?: 'RECTANGLE' | 'ROUND';
}

/** A slot as Alexa sends it: a heard value, and the id entity resolution matched (or none). */
export interface SlotInput {
  readonly value: string;
  readonly id?: string;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

let requestCounter = 0;

function withOptions(envelope: RequestEnvelope, options: EnvelopeOptions): RequestEnvelope {
  const userId = options.userId ?? TEST_USER_ID;
  const skillId = options.skillId ?? TEST_SKILL_ID;
  const request = envelope.request as { locale?: string; requestId: string; timestamp: string };
  request.requestId = `amzn1.echo-api.request.test-${++requestCounter}`;
  request.timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (options.locale) request.locale = options.locale;
  if (options.screen) withScreen(envelope, options.screen);
  envelope.context.System.user.userId = userId;
  envelope.context.System.application.applicationId = skillId;
  const system = envelope.context.System as { apiEndpoint: string; apiAccessToken?: string; device?: { deviceId: string } };
  if (options.alexaApi) {
    system.apiEndpoint = options.alexaApi.endpoint;
    system.apiAccessToken = options.alexaApi.accessToken;
    if (options.alexaApi.consentToken) envelope.context.System.user.permissions = { consentToken: options.alexaApi.consentToken };
  } else {
    delete system.apiAccessToken;
  }
  if (options.deviceId && system.device) system.device.deviceId = options.deviceId;
  if (envelope.session) {
    envelope.session.user.userId = userId;
    envelope.session.application.applicationId = skillId;
    if (options.attributes !== undefined) envelope.session.attributes = clone(options.attributes);
    if (options.newSession !== undefined) envelope.session.new = options.newSession;
  }
  return envelope;
}

/** What an Echo Show (1280 x 800) or Echo Spot (480 x 480) adds to a request's context. */
function withScreen(envelope: RequestEnvelope, shape: 'RECTANGLE' | 'ROUND'): void {
  const size = shape === 'ROUND' ? 480 : undefined;
  const context = envelope.context as unknown as Record<string, unknown>;
  context.Viewport = {
    mode: 'HUB',
    shape,
    pixelWidth: size ?? 1280,
    pixelHeight: size ?? 800,
    dpi: 160,
    currentPixelWidth: size ?? 1280,
    currentPixelHeight: size ?? 800,
    touch: ['SINGLE'],
  };
  (envelope.context.System.device as unknown as { supportedInterfaces: Record<string, unknown> }).supportedInterfaces = {
    'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.2' } },
  };
}

export function launchRequest(options: EnvelopeOptions = {}): RequestEnvelope {
  return withOptions(clone(launchFixture) as unknown as RequestEnvelope, options);
}

export function intentRequest(name: string, slots: Record<string, SlotInput | undefined> = {}, options: EnvelopeOptions = {}): RequestEnvelope {
  const envelope = withOptions(clone(intentFixture) as unknown as RequestEnvelope, options);
  const request = envelope.request as { intent: { name: string; slots?: Record<string, unknown> } };
  request.intent.name = name;
  request.intent.slots = slotsJson(slots, envelope.context.System.application.applicationId);
  return envelope;
}

function slotsJson(slots: Record<string, SlotInput | undefined>, skillId: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(slots).map(([slotName, slot]) => [slotName, slotJson(slotName, slot, skillId)]));
}

function slotJson(name: string, slot: SlotInput | undefined, skillId: string): unknown {
  if (!slot) return { name, confirmationStatus: 'NONE' };
  const authority = `amzn1.er-authority.echo-sdk.${skillId}.CrampCause`;
  return {
    name,
    value: slot.value,
    confirmationStatus: 'NONE',
    source: 'USER',
    resolutions: {
      resolutionsPerAuthority: [
        slot.id
          ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: slot.value, id: slot.id } }] }
          : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } },
      ],
    },
  };
}

/**
 * Alexa's answer to the skill's AskFor directive (the reminders permission): a Connections.Response with
 * the user's answer and the directive's token, in the same session.
 */
export function permissionResponse(
  answer: { status: 'ACCEPTED' | 'DENIED' | 'NOT_ANSWERED'; token: string; code?: string },
  options: EnvelopeOptions = {},
): RequestEnvelope {
  const envelope = withOptions(clone(intentFixture) as unknown as RequestEnvelope, options);
  const base = envelope.request as unknown as { requestId: string; timestamp: string; locale: string };
  (envelope as { request: unknown }).request = {
    type: 'Connections.Response',
    requestId: base.requestId,
    timestamp: base.timestamp,
    locale: base.locale,
    status: { code: answer.code ?? '200', message: 'OK' },
    name: 'AskFor',
    payload: { permissionScope: 'alexa::alerts:reminders:skill:readwrite', status: answer.status },
    token: answer.token,
  };
  return envelope;
}

/** A touch on the night screen: the Next button's SendEvent, from an Echo Show. */
export function userEventRequest(args: readonly unknown[], options: EnvelopeOptions = {}): RequestEnvelope {
  const envelope = withOptions(clone(userEventFixture) as unknown as RequestEnvelope, options);
  (envelope.request as unknown as { arguments: unknown[] }).arguments = [...args];
  return envelope;
}

/** Alexa asking whether the skill can answer an intent said without its name (no session). */
export function canFulfillRequest(name: string, slots: Record<string, SlotInput | undefined> = {}, options: EnvelopeOptions = {}): RequestEnvelope {
  const envelope = withOptions(clone(canFulfillFixture) as unknown as RequestEnvelope, options);
  const request = envelope.request as unknown as { intent: { name: string; slots: Record<string, unknown> } };
  request.intent.name = name;
  request.intent.slots = slotsJson(slots, envelope.context.System.application.applicationId);
  return envelope;
}

export function sessionEndedRequest(options: EnvelopeOptions = {}): RequestEnvelope {
  return withOptions(clone(sessionEndedFixture) as unknown as RequestEnvelope, options);
}

export function skillDisabledEvent(options: EnvelopeOptions & { persisted?: boolean } = {}): RequestEnvelope {
  const envelope = withOptions(clone(skillDisabledFixture) as unknown as RequestEnvelope, options);
  (envelope.request as unknown as { body: { userInformationPersistenceStatus: string } }).body.userInformationPersistenceStatus =
    options.persisted ? 'PERSISTED' : 'NOT_PERSISTED';
  return envelope;
}

/** Anything with the Lambda handler's shape: the built skill, or the bundle's export. */
export type Invoke = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

/**
 * One listener talking to the skill: carries session attributes between turns like Alexa does, and
 * starts a new session after one ends.
 */
export class Conversation {
  private attributes: Record<string, unknown> | undefined;
  private open = false;

  constructor(
    private readonly invoke: Invoke,
    private readonly options: EnvelopeOptions = {},
  ) {}

  async launch(): Promise<ResponseEnvelope> {
    return this.send(launchRequest({ ...this.options, newSession: true, attributes: {} }));
  }

  /** An intent in the current session, or a one-shot (new session) when none is open. */
  async say(intent: string, slots: Record<string, SlotInput | undefined> = {}): Promise<ResponseEnvelope> {
    const newSession = !this.open;
    return this.send(intentRequest(intent, slots, { ...this.options, newSession, attributes: newSession ? {} : this.attributes ?? {} }));
  }

  get sessionOpen(): boolean {
    return this.open;
  }

  private async send(envelope: RequestEnvelope): Promise<ResponseEnvelope> {
    const response = await this.invoke(envelope);
    this.attributes = response.sessionAttributes;
    this.open = response.response.shouldEndSession === false;
    return response;
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
