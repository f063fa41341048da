/**
 * Request envelopes shaped like the ones Alexa sends (tests/fixtures holds real ones; a test checks these
 * match them), and the session keeper that carries attributes between turns and starts a new session after
 * the skill ends one: written once, for the simulation (`npm start`), the tests (tests/helpers/requests.ts
 * gives them the fixtures' ids) and the bench.
 */
import { randomUUID } from 'crypto';
import type { Intent, RequestEnvelope, ResponseEnvelope, SessionEndedReason } from 'ask-sdk-model';

export const LOCAL_USER_ID = 'amzn1.ask.account.LOCALDIALOGUSER0000000000000000000000000000000000000000';
export const LOCAL_DEVICE_ID = 'amzn1.ask.device.LOCALDIALOGDEVICE';
export const DEFAULT_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-00000000cafe';

/** Alexa's APIs as the local dialog offers them: a local stand-in (simulation/alexa-api-stand-in.ts). */
export interface LocalAlexaApi {
  readonly endpoint: string;
  readonly accessToken: string;
  /** The consent token while the reminders permission is granted, else undefined. */
  consentToken(): string | undefined;
}

/** A screen's shape: an Echo Show's rectangle (1280 x 800) or an Echo Spot's round face (480 x 480). */
export type ScreenShape = 'RECTANGLE' | 'ROUND';

/** Who speaks to which skill, from which device: what stays the same from one request to the next. */
export interface Listener {
  readonly skillId: string;
  readonly userId: string;
  readonly locale: string;
  /** Default LOCAL_DEVICE_ID. */
  readonly deviceId?: string;
  /** Alexa's APIs for the skill to call; without them the envelope carries no access token. */
  readonly api?: LocalAlexaApi;
  /** The device has an APL screen (true: an Echo Show's rectangle); absent: voice only. */
  readonly screen?: boolean | ScreenShape;
}

export interface EnvelopeContext extends Listener {
  readonly sessionId: string;
  readonly newSession: boolean;
  readonly attributes: Record<string, unknown>;
}

/** What a device with a screen adds to a request: APL in supportedInterfaces, and its viewport. */
function deviceOf(screen: Listener['screen']): { supportedInterfaces: Record<string, unknown>; viewport?: Record<string, unknown> } {
  if (!screen) return { supportedInterfaces: {} };
  const shape: ScreenShape = screen === true ? 'RECTANGLE' : screen;
  const [width, height] = shape === 'ROUND' ? [480, 480] : [1280, 800];
  return {
    supportedInterfaces: { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.2' } } },
    viewport: { mode: 'HUB', shape, pixelWidth: width, pixelHeight: height, dpi: 160, currentPixelWidth: width, currentPixelHeight: height, touch: ['SINGLE'] },
  };
}

/** Alexa's timestamps: ISO 8601 without milliseconds. */
function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function base(ctx: EnvelopeContext, request: Record<string, unknown>): RequestEnvelope {
  const application = { applicationId: ctx.skillId };
  const user = { userId: ctx.userId };
  const consentToken = ctx.api?.consentToken();
  const systemUser = consentToken ? { ...user, permissions: { consentToken } } : user;
  const { supportedInterfaces, viewport } = deviceOf(ctx.screen);
  return {
    version: '1.0',
    session: {
      new: ctx.newSession,
      sessionId: ctx.sessionId,
      application,
      attributes: JSON.parse(JSON.stringify(ctx.attributes)) as Record<string, unknown>,
      user,
    },
    context: {
      ...(viewport ? { Viewport: viewport } : {}),
      System: {
        application,
        user: systemUser,
        device: { deviceId: ctx.deviceId ?? LOCAL_DEVICE_ID, supportedInterfaces },
        // Without a local stand-in, no access token: the skill then makes no call to Alexa's APIs.
        apiEndpoint: ctx.api?.endpoint ?? 'https://api.amazonalexa.com',
        ...(ctx.api ? { apiAccessToken: ctx.api.accessToken } : {}),
      },
    },
    request: {
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: timestamp(),
      locale: ctx.locale,
      ...request,
    },
  } as unknown as RequestEnvelope;
}

export function launchEnvelope(ctx: EnvelopeContext): RequestEnvelope {
  return base(ctx, { type: 'LaunchRequest', shouldLinkResultBeReturned: false });
}

export function intentEnvelope(ctx: EnvelopeContext, intent: Intent): RequestEnvelope {
  return base(ctx, { type: 'IntentRequest', dialogState: 'COMPLETED', intent });
}

/** Alexa's answer to the skill's AskFor directive: what the listener said to Alexa's consent question. */
export type PermissionAnswer = 'ACCEPTED' | 'DENIED' | 'NOT_ANSWERED';

export function permissionResponseEnvelope(ctx: EnvelopeContext, answer: PermissionAnswer, token: string, code = '200'): RequestEnvelope {
  return base(ctx, {
    type: 'Connections.Response',
    status: { code, message: 'OK' },
    name: 'AskFor',
    payload: { permissionScope: 'alexa::alerts:reminders:skill:readwrite', status: answer },
    token,
  });
}

/** The AskFor directive's token when a response asks Alexa to ask for a permission, else undefined. */
export function permissionRequestOf(response: ResponseEnvelope): { token: string } | undefined {
  const directive = response.response.directives?.find((d) => d.type === 'Connections.SendRequest' && (d as { name?: string }).name === 'AskFor');
  return directive ? { token: String((directive as { token?: unknown }).token ?? '') } : undefined;
}

/** A touch on the screen: the night screen's button sends its arguments (['next']). */
export function userEventEnvelope(ctx: EnvelopeContext, args: readonly unknown[]): RequestEnvelope {
  return base(ctx, { type: 'Alexa.Presentation.APL.UserEvent', arguments: [...args], source: { type: 'TouchWrapper', handler: 'Press', id: typeof args[0] === 'string' ? args[0] : '' } });
}

export function sessionEndedEnvelope(ctx: EnvelopeContext, reason: SessionEndedReason = 'USER_INITIATED'): RequestEnvelope {
  return base(ctx, { type: 'SessionEndedRequest', reason });
}

/** Alexa asking, outside any session, whether the skill can answer an intent said without its name. */
export function canFulfillEnvelope(listener: Listener, intent: Omit<Intent, 'confirmationStatus'>): RequestEnvelope {
  const envelope = outsideSession(listener, { type: 'CanFulfillIntentRequest', intent });
  // Alexa names no device and no API endpoint here unless it offers its APIs.
  delete (envelope.context.System.device as { deviceId?: string }).deviceId;
  if (!listener.api) delete (envelope.context.System as { apiEndpoint?: string }).apiEndpoint;
  return envelope;
}

/** The skill was disabled: an event outside any session, from no device. */
export function skillDisabledEnvelope(listener: Listener, persisted: boolean): RequestEnvelope {
  const now = timestamp();
  const envelope = outsideSession(listener, {
    type: 'AlexaSkillEvent.SkillDisabled',
    eventCreationTime: now,
    eventPublishingTime: now,
    body: { userInformationPersistenceStatus: persisted ? 'PERSISTED' : 'NOT_PERSISTED' },
  });
  // A skill event comes from no device and in no language.
  delete (envelope.context.System as { device?: unknown }).device;
  delete (envelope.request as { locale?: string }).locale;
  return envelope;
}

function outsideSession(listener: Listener, request: Record<string, unknown>): RequestEnvelope {
  const envelope = base({ ...listener, sessionId: '', newSession: false, attributes: {} }, request);
  delete (envelope as { session?: unknown }).session;
  return envelope;
}

/** A slot as Alexa sends it: a heard value, and the id entity resolution matched (none: no match). */
export interface SlotInput {
  readonly value: string;
  readonly id?: string;
}

/** An intent with its slots as Alexa fills them (entity resolution against the skill's CrampCause type). */
export function intentNamed(name: string, slots: Readonly<Record<string, SlotInput | undefined>>, skillId: string): Intent {
  const authority = `amzn1.er-authority.echo-sdk.${skillId}.CrampCause`;
  const slot = (slotName: string, input: SlotInput | undefined) => {
    if (!input) return { name: slotName, confirmationStatus: 'NONE' };
    const resolution = input.id
      ? { authority, status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: input.value, id: input.id } }] }
      : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } };
    return { name: slotName, value: input.value, confirmationStatus: 'NONE', source: 'USER', resolutions: { resolutionsPerAuthority: [resolution] } };
  };
  return { name, confirmationStatus: 'NONE', slots: Object.fromEntries(Object.entries(slots).map(([n, input]) => [n, slot(n, input)])) } as Intent;
}

export type Invoke = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

/**
 * One listener's sessions with the skill, as Alexa keeps them: attributes carried from turn to turn, a new
 * session (and a SessionEndedRequest for an open one) when the listener launches again, the session closed
 * when the skill ends it, and kept open while Alexa asks its own consent question for the skill.
 */
export class AlexaSession {
  private sessionId: string | undefined;
  private attributes: Record<string, unknown> = {};
  private fresh = true;

  constructor(
    private readonly invoke: Invoke,
    private readonly identity: Listener,
    /** Sees every request and its response (e.g. --debug printing). */
    private readonly observe: (request: RequestEnvelope, response: ResponseEnvelope | undefined) => void = () => undefined,
  ) {}

  get sessionOpen(): boolean {
    return this.sessionId !== undefined;
  }

  /** An intent by name with its slots, in the open session or as a one-shot (the tests' and the bench's turns). */
  async say(name: string, slots: Readonly<Record<string, SlotInput | undefined>> = {}): Promise<ResponseEnvelope> {
    return this.intent(intentNamed(name, slots, this.identity.skillId));
  }

  /** A LaunchRequest in a new session (ending any open one first, as a new invocation would). */
  async launch(): Promise<ResponseEnvelope> {
    await this.begin();
    return this.send(launchEnvelope(this.context()));
  }

  /** An intent in the open session, or a one-shot in a new session when none is open. */
  async intent(intent: Intent): Promise<ResponseEnvelope> {
    if (!this.sessionOpen) await this.begin();
    return this.send(intentEnvelope(this.context(), intent));
  }

  /** A one-shot ("ask <skill> ..."): always a new session. */
  async oneShot(intent: Intent): Promise<ResponseEnvelope> {
    await this.begin();
    return this.send(intentEnvelope(this.context(), intent));
  }

  /**
   * Alexa's Connections.Response after its own consent question, in the session that asked (Alexa keeps
   * it for the answer), or in a new one when none is open.
   */
  async permissionAnswer(answer: PermissionAnswer, token: string): Promise<ResponseEnvelope> {
    if (!this.sessionOpen) await this.begin();
    return this.send(permissionResponseEnvelope(this.context(), answer, token));
  }

  /** A touch on the screen's button in the open session (a new one when none is open). */
  async press(args: readonly string[]): Promise<ResponseEnvelope> {
    if (!this.sessionOpen) await this.begin();
    return this.send(userEventEnvelope(this.context(), args));
  }

  /** The listener walked away with the session open: Alexa tells the skill with a SessionEndedRequest. */
  async end(reason: SessionEndedReason = 'USER_INITIATED'): Promise<void> {
    if (!this.sessionOpen) return;
    const envelope = sessionEndedEnvelope({ ...this.context(), newSession: false }, reason);
    this.sessionId = undefined;
    const response = await this.invoke(envelope);
    this.observe(envelope, response);
  }

  private async begin(): Promise<void> {
    await this.end();
    this.sessionId = `amzn1.echo-api.session.${randomUUID()}`;
    this.attributes = {};
    this.fresh = true;
  }

  private context(): EnvelopeContext {
    return { ...this.identity, sessionId: this.sessionId!, newSession: this.fresh, attributes: this.attributes };
  }

  private async send(envelope: RequestEnvelope): Promise<ResponseEnvelope> {
    this.fresh = false;
    let response: ResponseEnvelope | undefined;
    try {
      response = await this.invoke(envelope);
    } finally {
      this.observe(envelope, response);
    }
    this.attributes = response.sessionAttributes ?? {};
    // Like the simulator for a speaker: the session stays open only when the skill says so, or while Alexa
    // asks its own consent question for the skill (the answer comes back in the same session).
    if (response.response.shouldEndSession !== false && !permissionRequestOf(response)) this.sessionId = undefined;
    return response;
  }
}

/**
 * The reply as `ask dialog` shows it: SSML tags removed, entities decoded, breaks shown as `[pause 10s]`
 * (or dropped with `pauses: false`, as the tests compare speech with card text).
 */
export function spokenText(ssml: string, { pauses = true }: { pauses?: boolean } = {}): string {
  const marked = pauses
    ? ssml
        .replace(/<break\s+[^>]*time="([^"]+)"[^>]*\/?>/gi, (_, time: string) => ` [pause ${time}] `)
        .replace(/<break\s+[^>]*strength="([^"]+)"[^>]*\/?>/gi, ' [pause] ')
    : ssml;
  return marked
    .replace(/<[^>]+>/g, ' ')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a response's speech ('' when it says nothing). */
export function speechOf(response: ResponseEnvelope): string {
  const speech = response.response.outputSpeech;
  if (!speech) return '';
  return speech.type === 'SSML' ? spokenText(speech.ssml) : speech.text;
}
