/**
 * `npm run serve`: the skill as a web endpoint (POST /) for a development skill pointed at this machine
 * through an HTTPS tunnel. Every request must prove it comes from Alexa (local/alexa-request-verifier.ts:
 * timestamp, certificate URL, certificate chain, signature); `--insecure` turns that off, for local tests only,
 * and says so on stderr at start and for every request. History lives in the same local DynamoDB as `npm start`.
 *
 * Hardened for a port a tunnel exposes: loopback only unless --host is given; SKILL_ID required (requests for
 * other skills are refused); Express in production mode with small JSON errors (no stacks, no paths); a 128 KB
 * body cap; deadlines for the headers, the whole request, and an idle socket.
 */
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AlexaRequestVerifier, RequestVerificationError, type AlexaRequestVerifierOptions } from './alexa-request-verifier';
import { createLocalRuntime, DEFAULT_DATA_DIR, type LocalRuntime, type LogLevel } from './runtime';

export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';
/** Alexa's requests are a few KB. */
export const MAX_BODY_BYTES = 128 * 1024;
/** Headers within 5 s, the whole request (headers and body) within 10 s, and no socket idle for 15 s. */
export const SERVER_TIMEOUTS_MS = { headers: 5000, request: 10_000, idle: 15_000 } as const;

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
  /** Where warnings go (default stderr). */
  readonly warn?: (line: string) => void;
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
};

function sendError(res: Response, status: number, detail?: string): void {
  if (res.headersSent) return void res.destroy();
  res.status(status).json({ error: ERROR_TEXT[status] ?? 'error', ...(detail ? { detail } : {}) });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The request type for a log line: Alexa's names only, never arbitrary text. */
function requestTypeOf(body: string): string {
  try {
    const type = (JSON.parse(body) as { request?: { type?: unknown } } | null)?.request?.type;
    return typeof type === 'string' && /^[A-Za-z.]{1,64}$/.test(type) ? type : 'unknown';
  } catch {
    return 'not JSON';
  }
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
  app.post('/', express.text({ type: () => true, limit: MAX_BODY_BYTES }), async (req: Request, res: Response) => {
    const body = typeof req.body === 'string' ? req.body : '';
    if (verifier) {
      try {
        await verifier.verify(body, req.headers);
      } catch (error) {
        if (!(error instanceof RequestVerificationError)) throw error;
        return sendError(res, 400, error.message);
      }
    } else {
      warn(`WARNING: --insecure: accepted an UNVERIFIED ${requestTypeOf(body)} request`);
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(body);
    } catch {
      return sendError(res, 400, 'request body is not JSON');
    }
    try {
      res.json(await runtime.skill.invoke(envelope as Parameters<typeof runtime.skill.invoke>[0]));
    } catch {
      // The skill refused or failed (another skill's id, a skill event that must be redelivered): Alexa retries.
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
    sendError(res, status >= 400 && status < 500 && ERROR_TEXT[status] ? status : 500);
  });

  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(options.port ?? DEFAULT_PORT, host, (error?: Error) => (error ? reject(error) : resolve(s)));
      s.once('error', reject);
    });
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  server.headersTimeout = SERVER_TIMEOUTS_MS.headers;
  server.requestTimeout = SERVER_TIMEOUTS_MS.request;
  server.setTimeout(SERVER_TIMEOUTS_MS.idle, (socket) => socket.destroy());

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

export const HELP_TEXT = `Serve Leg Cramp Helper as an HTTPS-ready skill endpoint (POST /), for a tunnel.

Usage: npm run serve -- --skill-id <id> [--port <n>] [--host <addr>] [--data <dir>] [--insecure] [--help]

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

export function parseArgs(argv: readonly string[]): SkillServerOptions | 'help' {
  const options: { port: number; host?: string; dataDir: string; insecure: boolean; skillId?: string } = { port: DEFAULT_PORT, dataDir: DEFAULT_DATA_DIR, insecure: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--insecure') options.insecure = true;
    else if (arg === '--data') options.dataDir = value();
    else if (arg === '--host') options.host = value();
    else if (arg === '--skill-id') options.skillId = value();
    else if (arg === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0-65535');
      options.port = port;
    } else throw new Error(`unknown argument ${arg} (see --help)`);
  }
  return options;
}

async function main(argv: readonly string[]): Promise<void> {
  let options: SkillServerOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
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
