/**
 * What `npm run serve` makes of a request body before the skill sees it: the bytes as UTF-8 text (a
 * leading byte-order mark dropped), JSON, then an Alexa request envelope for this skill. Each refusal is a
 * RequestVerificationError (HTTP 400) whose message says which, in a few words and never with the input.
 */
import { RequestVerificationError } from './verification-errors';

const UTF8 = new TextDecoder('utf-8', { fatal: true }); // ignoreBOM false: a leading BOM is dropped

/** The body's JSON. Signatures are checked on the bytes, so decoding (and the BOM) cannot affect them. */
export function decodeRequestBody(body: Uint8Array): unknown {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch (cause) {
    throw new RequestVerificationError('request body is not UTF-8', { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new RequestVerificationError('request body is not JSON', { cause });
  }
}

/** The parts of an envelope the server relies on before handing it to the skill. */
export interface AlexaEnvelopeShape {
  readonly version: string;
  readonly context: { readonly System: { readonly application: { readonly applicationId: string } } };
  readonly request: { readonly type: string; readonly requestId: string; readonly timestamp: string | number };
  readonly session?: { readonly application?: { readonly applicationId?: unknown } };
}

/**
 * `envelope` as an Alexa request envelope (version, request type, id and timestamp, the skill's id in
 * context.System.application) for `skillId` when one is configured; else RequestVerificationError saying
 * "not an Alexa request envelope" or "request is for another skill".
 */
export function checkRequestEnvelope(envelope: unknown, skillId: string | undefined): AlexaEnvelopeShape {
  if (!isEnvelope(envelope)) throw new RequestVerificationError('not an Alexa request envelope');
  if (skillId !== undefined) {
    const sessionSkill = envelope.session?.application?.applicationId;
    if (envelope.context.System.application.applicationId !== skillId || (sessionSkill !== undefined && sessionSkill !== skillId)) {
      throw new RequestVerificationError('request is for another skill');
    }
  }
  return envelope;
}

function isEnvelope(value: unknown): value is AlexaEnvelopeShape {
  const v = value as Partial<Record<string, unknown>> | null;
  if (!isObject(v) || typeof v.version !== 'string') return false;
  const request = v.request as Partial<Record<string, unknown>> | undefined;
  if (!isObject(request) || typeof request.type !== 'string' || typeof request.requestId !== 'string') return false;
  if (typeof request.timestamp !== 'string' && typeof request.timestamp !== 'number') return false;
  const system = (v.context as { System?: { application?: { applicationId?: unknown } } } | undefined)?.System;
  if (!isObject(system) || !isObject(system.application) || typeof system.application.applicationId !== 'string') return false;
  return v.session === undefined || isObject(v.session);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
