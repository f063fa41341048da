/**
 * A local stand-in for the parts of Alexa's API the skill calls, on 127.0.0.1 at a free port: the
 * Reminders API (create, get, list, delete) and the device Settings API's time zone. Request envelopes point
 * their apiEndpoint here (the local dialog, the tests), and the skill reaches it through ask-sdk's real
 * DefaultApiClient over HTTP. Used by `npm start` and by the tests; never by the Lambda.
 *
 * It checks what the real API checks that matters here: the bearer token, the reminders permission
 * (401 without it), and the shape of a reminder (400 when malformed). Tests can make it fail or stall.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

export interface StoredReminder {
  readonly alertToken: string;
  readonly request: Record<string, unknown>;
  readonly createdTime: string;
}

export interface StandInOptions {
  /** The device's time zone (IANA name), answered by the Settings API. Default America/New_York. */
  readonly timeZone?: string;
  /** Whether the listener has granted the reminders permission. Default false. */
  readonly remindersGranted?: boolean;
}

/** What the next calls matching `path` get instead of a normal answer: an HTTP status, or a long silence. */
export interface Fault {
  readonly path: RegExp;
  readonly status?: number;
  /** Answers only after this long (the skill should have given up before). */
  readonly delayMs?: number;
}

const REMINDERS = '/v1/alerts/reminders';
const TIME_ZONE = /^\/v2\/devices\/([^/]+)\/settings\/System\.timeZone$/;

export class AlexaApiStandIn {
  /** Every call, in order. */
  readonly calls: RecordedCall[] = [];
  readonly reminders = new Map<string, StoredReminder>();
  /** The apiAccessToken envelopes must carry (the stand-in refuses any other). */
  readonly accessToken = `local-access-token-${randomUUID()}`;
  /** The consent token envelopes carry once the reminders permission is granted. */
  readonly consentToken = `local-consent-token-${randomUUID()}`;
  timeZone: string;
  remindersGranted: boolean;
  fault: Fault | undefined;

  private constructor(
    private readonly server: http.Server,
    readonly endpoint: string,
    options: StandInOptions,
  ) {
    this.timeZone = options.timeZone ?? 'America/New_York';
    this.remindersGranted = options.remindersGranted ?? false;
  }

  static async start(options: StandInOptions = {}): Promise<AlexaApiStandIn> {
    let standIn: AlexaApiStandIn | undefined;
    const server = http.createServer((request, response) => void standIn!.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as AddressInfo;
    standIn = new AlexaApiStandIn(server, `http://127.0.0.1:${port}`, options);
    return standIn;
  }

  /** Calls whose path starts with `prefix` (e.g. '/v1/alerts/reminders'). */
  callsTo(prefix: string): RecordedCall[] {
    return this.calls.filter((call) => call.path.startsWith(prefix));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0]!;
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    this.calls.push({ method, path, ...(body !== undefined ? { body } : {}) });

    const fault = this.fault && this.fault.path.test(path) ? this.fault : undefined;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs).unref());
    if (fault?.status) return send(response, fault.status, { code: 'INTERNAL_ERROR', message: 'Stand-in fault' });
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) return send(response, 401, { code: 'UNAUTHORIZED', message: 'Bad access token' });

    if (method === 'GET' && TIME_ZONE.test(path)) return send(response, 200, this.timeZone);
    if (path === REMINDERS || path.startsWith(`${REMINDERS}/`)) return this.reminder(method, path, body, response);
    return send(response, 404, { code: 'NOT_FOUND', message: `No such API: ${method} ${path}` });
  }

  private reminder(method: string, path: string, body: unknown, response: http.ServerResponse): void {
    if (!this.remindersGranted) return send(response, 401, { code: 'UNAUTHORIZED', message: 'The user has not granted the reminders permission' });
    const now = new Date().toISOString();
    if (method === 'POST' && path === REMINDERS) {
      const problem = reminderProblem(body);
      if (problem) return send(response, 400, { code: 'INVALID_REMINDER', message: problem });
      const alertToken = randomUUID();
      this.reminders.set(alertToken, { alertToken, request: body as Record<string, unknown>, createdTime: now });
      return send(response, 201, { alertToken, createdTime: now, updatedTime: now, status: 'ON', version: '1', href: `${REMINDERS}/${alertToken}` });
    }
    if (method === 'GET' && path === REMINDERS) {
      const alerts = [...this.reminders.values()].map((stored) => this.asReminder(stored));
      return send(response, 200, { totalCount: String(alerts.length), alerts, links: {} });
    }
    const token = decodeURIComponent(path.slice(REMINDERS.length + 1));
    const stored = this.reminders.get(token);
    if (!stored) return send(response, 404, { code: 'NOT_FOUND', message: 'No such reminder' });
    if (method === 'DELETE') {
      this.reminders.delete(token);
      return send(response, 200, undefined);
    }
    if (method === 'GET') return send(response, 200, this.asReminder(stored));
    return send(response, 405, { code: 'METHOD_NOT_ALLOWED', message: method });
  }

  private asReminder(stored: StoredReminder): Record<string, unknown> {
    return { alertToken: stored.alertToken, ...stored.request, status: 'ON', createdTime: stored.createdTime, updatedTime: stored.createdTime, version: '1' };
  }
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?$/;

/** What the real API would refuse in a SCHEDULED_ABSOLUTE reminder, or undefined when it is well formed. */
export function reminderProblem(body: unknown): string | undefined {
  const b = body as { requestTime?: unknown; trigger?: Record<string, unknown>; alertInfo?: { spokenInfo?: { content?: unknown } } } | undefined;
  if (!b || typeof b !== 'object') return 'The body is not a JSON object';
  if (typeof b.requestTime !== 'string' || !LOCAL_DATE_TIME.test(b.requestTime)) return 'requestTime must be a local date-time';
  const trigger = b.trigger;
  if (!trigger || trigger.type !== 'SCHEDULED_ABSOLUTE') return 'trigger.type must be SCHEDULED_ABSOLUTE';
  if (trigger.timeZoneId !== undefined && typeof trigger.timeZoneId !== 'string') return 'trigger.timeZoneId must be a string';
  const recurrence = trigger.recurrence as { startDateTime?: unknown; recurrenceRules?: unknown } | undefined;
  if (recurrence) {
    if (typeof recurrence.startDateTime !== 'string' || !LOCAL_DATE_TIME.test(recurrence.startDateTime)) return 'recurrence.startDateTime must be a local date-time';
    if (!Array.isArray(recurrence.recurrenceRules) || recurrence.recurrenceRules.length === 0) return 'recurrence.recurrenceRules must be a non-empty list';
    if (!recurrence.recurrenceRules.every((rule) => typeof rule === 'string' && /^FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+-]+)*;?$/.test(rule))) return 'a recurrence rule is malformed';
  } else if (typeof trigger.scheduledTime !== 'string') {
    return 'trigger needs a scheduledTime or a recurrence';
  }
  const content = b.alertInfo?.spokenInfo?.content;
  if (!Array.isArray(content) || content.length === 0) return 'alertInfo.spokenInfo.content must be a non-empty list';
  for (const item of content as { locale?: unknown; text?: unknown }[]) {
    if (typeof item.locale !== 'string' || !/^[a-z]{2}-[A-Z]{2}$/.test(item.locale)) return 'each spoken content needs a locale';
    if (typeof item.text !== 'string' || !item.text.trim()) return 'each spoken content needs a text';
  }
  return undefined;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
