import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { esbuildOptions } from '../../infra/bundling';
import { startDynalite, type LocalDynamo } from './dynalite';

/** Builds the Lambda bundle exactly as `npm run build` does, into a temp dir. */
export async function buildBundle(): Promise<{ file: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'leg-cramp-robustness-'));
  const file = path.join(dir, 'index.js');
  await build(esbuildOptions(file));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How every metrics line (CloudWatch embedded metric format) begins. */
const EMF_LINE = '{"_aws"';

export interface HostSample {
  readonly heapUsed: number;
  /** process.getActiveResourcesInfo().length */
  readonly handles: number;
  /** Active TCP sockets (keep-alive connections to the table). */
  readonly sockets: number;
  /** Active timers (setTimeout/setInterval). */
  readonly timers: number;
  /** process.getActiveResourcesInfo() counted by kind (TCPSocketWrap, Timeout, PipeWrap, ...). */
  readonly byKind: Readonly<Record<string, number>>;
  /** Unhandled promise rejections seen in the child so far. */
  readonly unhandled: number;
}

export type HostResult = { ok: true; response: ResponseEnvelope; ms: number } | { ok: false; error: { name?: string; message?: string }; ms: number };

export interface BundleHost {
  /** Calls the bundle's exported `handler` in the child; never rejects (a handler rejection is `ok: false`). */
  call(envelope: RequestEnvelope): Promise<HostResult>;
  /** Heap after a full GC (the child runs with --expose-gc), active handles and sockets. */
  sample(): Promise<HostSample>;
  /** Everything the child wrote to stdout and stderr so far (the bundle's log lines). */
  output(): string;
  /** Parsed JSON log lines from stdout and stderr (powertools Logger), stdout's first; the metrics lines aside. */
  logLines(): Record<string, unknown>[];
  /** Parsed metrics lines (CloudWatch EMF, powertools Metrics), in order. */
  metricLines(): Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Loads a bundle in a fresh Node process (with --expose-gc) with only the given environment, and calls
 * its handler over IPC, the way Lambda's runtime would call it in one warm container.
 */
export async function startBundleHost(bundle: string, env: Record<string, string>): Promise<BundleHost> {
  const child: ChildProcess = fork(path.join(__dirname, 'bundle-host-child.js'), [], {
    execArgv: ['--expose-gc'],
    env: { PATH: process.env.PATH ?? '', BUNDLE_PATH: bundle, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const pending = new Map<number, (message: Record<string, unknown>) => void>();
  let nextId = 0;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bundle host exited (${code}) before it was ready: ${stderr.slice(0, 2000)}`)));
  });
  child.on('message', (message: Record<string, unknown>) => {
    const resolve = pending.get(message.id as number);
    pending.delete(message.id as number);
    resolve?.(message);
  });
  child.once('exit', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { name: 'HostExited' }, ms: 0 });
    pending.clear();
  });
  const request = (message: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      child.send({ ...message, id });
    });

  return {
    call: async (envelope) => (await request({ type: 'invoke', envelope })) as unknown as HostResult,
    sample: async () => (await request({ type: 'sample' })).sample as HostSample,
    output: () => stdout + stderr,
    // powertools Logger writes info to stdout and warn/error to stderr.
    logLines: () =>
      `${stdout}\n${stderr}`
        .split('\n')
        .filter((line) => line.startsWith('{') && !line.startsWith(EMF_LINE))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    metricLines: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith(EMF_LINE))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop() {
      if (!exited) {
        child.send({ type: 'exit' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
        await exitedPromise;
        clearTimeout(timer);
      }
    },
  };
}

export interface BundleOnDynalite {
  readonly host: BundleHost;
  readonly dyn: LocalDynamo;
  readonly table: string;
  stop(): Promise<void>;
}

/** The built bundle in a child process with its history table on a fresh dynalite: a warm Lambda container. */
export async function startBundleOnDynalite(env: Record<string, string> = {}): Promise<BundleOnDynalite> {
  const [bundle, dyn] = await Promise.all([buildBundle(), startDynalite()]);
  const table = await dyn.createTable();
  const host = await startBundleHost(bundle.file, { AWS_REGION: 'us-east-1', HISTORY_TABLE_NAME: table, DYNAMODB_ENDPOINT: dyn.endpoint, ...env });
  return {
    host,
    dyn,
    table,
    async stop() {
      await host.stop();
      await dyn.stop();
      bundle.remove();
    },
  };
}
