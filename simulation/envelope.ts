/**
 * Request envelopes shaped like the ones Alexa sends, and a small session keeper that carries
 * attributes between turns and starts a new session after the skill ends one.
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

export interface EnvelopeContext {
  readonly skillId: string;
  readonly userId: string;
  readonly locale: string;
  readonly api?: LocalAlexaApi;
  readonly sessionId: string;
  readonly newSession: boolean;
  readonly attributes: Record<string, unknown>;
  /** Like an Echo Show: the device has an APL screen (1280 x 800). */
  readonly screen?: boolean;
}

/** What an Echo Show adds to a request: APL in supportedInterfaces, and its viewport. */
function deviceOf(screen: boolean | undefined): { supportedInterfaces: Record<string, unknown>; viewport?: Record<string, unknown> } {
  if (!screen) return { supportedInterfaces: {} };
  return {
    supportedInterfaces: { 'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.2' } } },
    viewport: { mode: 'HUB', shape: 'RECTANGLE', pixelWidth: 1280, pixelHeight: 800, dpi: 160, currentPixelWidth: 1280, currentPixelHeight: 800, touch: ['SINGLE'] },
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
        device: { deviceId: LOCAL_DEVICE_ID, supportedInterfaces },
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

export function permissionResponseEnvelope(ctx: EnvelopeContext, answer: PermissionAnswer, token: string): RequestEnvelope {
  return base(ctx, {
    type: 'Connections.Response',
    status: { code: '200', message: 'OK' },
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
export function userEventEnvelope(ctx: EnvelopeContext, args: readonly string[]): RequestEnvelope {
  return base(ctx, { type: 'Alexa.Presentation.APL.UserEvent', arguments: [...args], source: { type: 'TouchWrapper', handler: 'Press', id: args[0] ?? '' } });
}

export function sessionEndedEnvelope(ctx: EnvelopeContext, reason: SessionEndedReason = 'USER_INITIATED'): RequestEnvelope {
  return base(ctx, { type: 'SessionEndedRequest', reason });
}

export type Invoke = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

/** One listener's sessions with the skill, as Alexa keeps them. */
export class LocalSession {
  private sessionId: string | undefined;
  private attributes: Record<string, unknown> = {};
  private fresh = true;

  constructor(
    private readonly invoke: Invoke,
    private readonly identity: { skillId: string; userId: string; locale: string; api?: LocalAlexaApi; screen?: boolean },
    /** Sees every request and its response (e.g. --debug printing). */
    private readonly observe: (request: RequestEnvelope, response: ResponseEnvelope | undefined) => void = () => undefined,
  ) {}

  get open(): boolean {
    return this.sessionId !== undefined;
  }

  /** A LaunchRequest in a new session (ending any open one first, as a new invocation would). */
  async launch(): Promise<ResponseEnvelope> {
    await this.begin();
    return this.send(launchEnvelope(this.context()));
  }

  /** An intent in the open session, or a one-shot in a new session when none is open. */
  async intent(intent: Intent): Promise<ResponseEnvelope> {
    if (!this.open) await this.begin();
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
    if (!this.open) await this.begin();
    return this.send(permissionResponseEnvelope(this.context(), answer, token));
  }

  /** A touch on the screen's button in the open session (a new one when none is open). */
  async press(args: readonly string[]): Promise<ResponseEnvelope> {
    if (!this.open) await this.begin();
    return this.send(userEventEnvelope(this.context(), args));
  }

  /** The listener walked away with the session open: Alexa tells the skill with a SessionEndedRequest. */
  async end(reason: SessionEndedReason = 'USER_INITIATED'): Promise<void> {
    if (!this.open) return;
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
