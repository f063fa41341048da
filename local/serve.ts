/**
 * `npm run serve`: the skill as a web endpoint (POST /) for a development skill pointed at this machine
 * through an HTTPS tunnel. Alexa's request signature and timestamp are verified (ask-sdk-express-adapter);
 * `--insecure` turns that off, for local tests only. History lives in the same local DynamoDB as `npm start`.
 */
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import express from 'express';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import { createLocalRuntime, DEFAULT_DATA_DIR, type LocalRuntime, type LogLevel } from './runtime';

export const DEFAULT_PORT = 3000;

export interface SkillServerOptions {
  /** 0 for a free port. Default 3000. */
  readonly port?: number;
  /** Default 127.0.0.1 (a tunnel connects locally). */
  readonly host?: string;
  readonly dataDir?: string;
  /** Skips signature and timestamp verification. Never for a skill Alexa can reach. */
  readonly insecure?: boolean;
  readonly logLevel?: LogLevel;
}

export interface SkillServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly runtime: LocalRuntime;
  close(): Promise<void>;
}

export async function createSkillServer(options: SkillServerOptions = {}): Promise<SkillServer> {
  const runtime = await createLocalRuntime({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
  });
  const verify = !options.insecure;
  const adapter = new ExpressAdapter(runtime.skill, verify, verify);
  const app = express();
  app.disable('x-powered-by');
  app.post('/', ...adapter.getRequestHandlers());
  app.get('/', (_req, res) => {
    res.type('text/plain').send('Leg Cramp Helper skill endpoint: Alexa POSTs requests here.\n');
  });

  const host = options.host ?? '127.0.0.1';
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
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
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

Usage: npm run serve -- [--port <n>] [--host <addr>] [--data <dir>] [--insecure] [--help]

  --port <n>      port to listen on (default ${DEFAULT_PORT})
  --host <addr>   address to bind (default 127.0.0.1)
  --data <dir>    where the local DynamoDB keeps history (default .data/)
  --insecure      do NOT verify Alexa's request signature and timestamp (local testing only)

Point a tunnel (e.g. an HTTPS forwarder) at http://127.0.0.1:<port>/ and set the development skill's
endpoint to the tunnel's https URL ("My development endpoint is a sub-domain of a domain that has a
wildcard certificate").`;

function parseArgs(argv: readonly string[]): SkillServerOptions | 'help' {
  const options: { port: number; host?: string; dataDir: string; insecure: boolean } = { port: DEFAULT_PORT, dataDir: DEFAULT_DATA_DIR, insecure: false };
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
      (options.insecure ? 'WARNING: --insecure: request signatures and timestamps are NOT verified.\n' : 'Alexa request signature and timestamp verification: on.\n'),
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
