/**
 * `npm run serve`: the skill as a web endpoint (POST /) for a development skill pointed at this machine
 * through an HTTPS tunnel. Every request must prove it comes from Alexa (web-endpoint/alexa-request-verifier.ts:
 * signature headers, timestamp, certificate URL, certificate chain, signature over the bytes received) and be
 * an Alexa request envelope for this skill (web-endpoint/alexa-request-body.ts); `--insecure` skips the proofs, for
 * local tests only, and says so on stderr at start and for every request. History lives in the same local
 * DynamoDB as `npm start`.
 *
 * Hardened for a port a tunnel exposes: loopback only unless --host is given; SKILL_ID required (requests for
 * other skills are refused); Express in production mode with small JSON errors (no stacks, no paths); a 128 KB
 * body cap (after decompression); deadlines for the headers, the whole request and an idle socket, checked
 * every second; at most MAX_CONNECTIONS sockets. Every refusal is one line on stderr saying why.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { parseFlags, refuseUsage, UsageError, type Flags } from '../command-line/flags';
import { checkRequestEnvelope, decodeRequestBody } from './alexa-request-body';
import { AlexaRequestVerifier, CertificateDownloadsBusyError, RequestVerificationError, type AlexaRequestVerifierOptions } from './alexa-request-verifier';
import { createLocalRuntime, DEFAULT_DATA_DIR, type LocalRuntime, type LogLevel } from '../skill-host/runtime';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
/** Alexa's requests are a few KB. */
export const MAX_BODY_BYTES = 128 * 1024;
/** Headers within 5 s, the whole request (headers and body) within 10 s, and no socket idle for 15 s. */
export const SERVER_TIMEOUTS_MS = { headers: 5000, request: 10_000, idle: 15_000 } as const;
/**
 * How often Node looks for sockets past their header or request deadline (its default, 30 s, would let a
 * client that trickles its headers hold a socket about 30 s whatever the deadlines say).
 */
export const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;
/** Sockets open at once; more are closed as they connect. Alexa sends one request at a time per session. */
export const MAX_CONNECTIONS = 64;

export interface SkillServerOptions {
  /** 0 for a free port. Default 3000. */
  readonly port?: number;
  /** Default 127.0.0.1 (a tunnel connects locally). Anything else is reachable from the network: said on stderr. */
  readonly host?: string;
  readonly dataDir?: string;
  /** Requests for any other skill are refused. Required unless `insecure`; default the SKILL_ID environment variable. */
  readonly skillId?: string;
  /** Skips signature and timestamp verification. Never for a skill Alexa can reach. */
  readonly insecure?: boolean;
  readonly logLevel?: LogLevel;
  /** How the verifier downloads certificates and what it trusts (tests use a local stand-in). */
  readonly verifier?: AlexaRequestVerifierOptions;
  /** Where warnings and the one line per refused request go (default stderr). */
  readonly warn?: (line: string) => void;
  /** Tests shorten the deadlines (the checking interval stays CONNECTIONS_CHECKING_INTERVAL_MS). */
  readonly timeouts?: { readonly headers: number; readonly request: number; readonly idle: number };
  readonly maxConnections?: number;
}

export interface SkillServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly runtime: LocalRuntime;
  close(): Promise<void>;
}

/** The JSON body of every error answer: a status and a few words, nothing from the request or the stack. */
const ERROR_TEXT: Record<number, string> = {
  400: 'bad request',
  404: 'not found',
  408: 'request timeout',
  413: 'request too large',
  415: 'unsupported media type',
  500: 'internal error',
  503: 'service unavailable',
};

function sendError(res: Response, status: number, detail?: string): void {
  if (res.headersSent) return void res.destroy();
  res.status(status).json({ error: ERROR_TEXT[status] ?? 'error', ...(detail ? { detail } : {}) });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The request type for a log line: Alexa's names only, never arbitrary text. */
function requestTypeOf(type: string): string {
  return /^[A-Za-z.]{1,64}$/.test(type) ? type : 'unknown';
}

export async function createSkillServer(options: SkillServerOptions = {}): Promise<SkillServer> {
  const warn = options.warn ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const insecure = options.insecure === true;
  const skillId = options.skillId ?? (process.env.SKILL_ID?.trim() || undefined);
  if (!insecure && !skillId) {
    throw new Error('SKILL_ID is required (--skill-id or the SKILL_ID environment variable): requests for other skills must be refused');
  }
  const host = options.host ?? DEFAULT_HOST;
  const runtime = await createLocalRuntime({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    // Metrics are EMF log lines, as on Lambda: a silent server writes none either.
    ...(options.logLevel === 'SILENT' ? { metrics: false } : {}),
    ...(skillId ? { skillId } : {}),
  });
  const verifier = insecure ? undefined : new AlexaRequestVerifier(options.verifier);

  const app = express();
  app.set('env', 'production');
  app.disable('x-powered-by');
  // The exact bytes received (decompressed when the request says Content-Encoding gzip, deflate or br): the
  // signature is checked over them, and only then are they read as text.
  app.post('/', express.raw({ type: () => true, limit: MAX_BODY_BYTES }), async (req: Request, res: Response) => {
    const body: Uint8Array = Buffer.isBuffer(req.body) ? req.body : new Uint8Array(0);
    let envelope: ReturnType<typeof checkRequestEnvelope>;
    try {
      envelope = checkRequestEnvelope(verifier ? await verifier.verify(body, req.headers) : decodeRequestBody(body), skillId);
    } catch (error) {
      if (error instanceof RequestVerificationError) {
        warn(`refused a request (400): ${error.message}`);
        return sendError(res, 400, error.message);
      }
      if (error instanceof CertificateDownloadsBusyError) {
        warn(`deferred a request (503): ${error.message}`);
        res.set('retry-after', String(error.retryAfterSeconds));
        return sendError(res, 503, error.message);
      }
      throw error;
    }
    if (insecure) warn(`WARNING: --insecure: accepted an UNVERIFIED ${requestTypeOf(envelope.request.type)} request`);
    try {
      res.json(await runtime.skill.invoke(envelope as unknown as Parameters<typeof runtime.skill.invoke>[0]));
    } catch (error) {
      // The skill failed (a skill event it could not handle, so Alexa redelivers it): its name, nothing of the request.
      warn(`failed a request (500): the skill threw ${error instanceof Error ? error.name : 'a non-error'}`);
      sendError(res, 500);
    }
  });
  app.get('/', (_req, res) => {
    res.type('text/plain').send('Leg Cramp Helper skill endpoint: Alexa POSTs requests here.\n');
  });
  app.use((_req: Request, res: Response) => sendError(res, 404));
  // Four parameters: Express's error handler. Body-parser errors carry their HTTP status (400, 413, 415).
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = Number((error as { status?: unknown } | null)?.status);
    const known = status >= 400 && status < 500 && ERROR_TEXT[status] ? status : 500;
    warn(`refused a request (${known}): ${ERROR_TEXT[known]}`);
    sendError(res, known);
  });

  const timeouts = options.timeouts ?? SERVER_TIMEOUTS_MS;
  const server = createServer(
    { headersTimeout: timeouts.headers, requestTimeout: timeouts.request, connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS },
    app,
  );
  server.maxConnections = options.maxConnections ?? MAX_CONNECTIONS;
  server.setTimeout(timeouts.idle, (socket) => socket.destroy());
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }

  if (insecure) warn('WARNING: --insecure: Alexa request signatures and timestamps are NOT verified. Never point a skill Alexa can reach at this.');
  if (!isLoopback(host)) warn(`WARNING: listening on ${host}: reachable from other machines, not only through a local tunnel.`);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    port,
    server,
    runtime,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await runtime.stop();
    },
  };
}

export const USAGE = 'Usage: npm run serve -- --skill-id <id> [--port <n>] [--host <addr>] [--data <dir>] [--insecure] [--help]';

export const HELP_TEXT = `Serve Leg Cramp Helper as an HTTPS-ready skill endpoint (POST /), for a tunnel.

${USAGE}

  --skill-id <id> the development skill's id, amzn1.ask.skill.<uuid> (or set SKILL_ID); required unless
                  --insecure: requests for any other skill are refused
  --port <n>      port to listen on (default ${DEFAULT_PORT})
  --host <addr>   address to bind (default ${DEFAULT_HOST}, this machine only; anything else is reachable
                  from the network and is warned about)
  --data <dir>    where the local DynamoDB keeps history (default .data/)
  --insecure      do NOT verify Alexa's request signature and timestamp (local testing only; warned about
                  at start and for every request)

Point a tunnel (e.g. an HTTPS forwarder) at http://127.0.0.1:<port>/ and set the development skill's
endpoint to the tunnel's https URL ("My development endpoint is a sub-domain of a domain that has a
wildcard certificate").`;

const FLAGS = {
  'skill-id': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  insecure: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Flags;

/** `--x y` and `--x=y` alike; an unknown flag, a missing value or a stray word is a UsageError. */
export function parseArgs(argv: readonly string[]): SkillServerOptions | 'help' {
  const values = parseFlags(argv, FLAGS, USAGE);
  if (values.help) return 'help';
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0-65535', USAGE);
  return {
    port,
    dataDir: values.data ?? DEFAULT_DATA_DIR,
    insecure: values.insecure ?? false,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['skill-id'] !== undefined ? { skillId: values['skill-id'] } : {}),
  };
}

async function main(argv: readonly string[]): Promise<void> {
  let options: SkillServerOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    refuseUsage(error);
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${HELP_TEXT}\n`);
    return;
  }
  const server = await createSkillServer(options);
  process.stdout.write(
    `Leg Cramp Helper listening on ${server.url} (history in ${server.runtime.dataDir})\n` +
      (options.insecure ? '' : 'Alexa request signature and timestamp verification: on.\n'),
  );
  const shutdown = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
