import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of a local DynamoDB (dynalite). Point
 * `createDocumentClient({ endpoint: proxy.endpoint })` at it and switch modes at runtime:
 *
 *   passThrough  forward every request unchanged
 *   refuse       stop listening (connections are refused: ECONNREFUSED) and drop open keep-alive sockets
 *   hang         accept and read the request, never answer
 *   slow(ms)     wait `ms`, then forward (the request still reaches the table even if the client gave up,
 *                like a real slow network: a late write can land after the client timed out)
 *   throttle     HTTP 400 ThrottlingException (or ProvisionedThroughputExceededException), nothing forwarded
 *   error500     HTTP 500 InternalServerError, nothing forwarded
 *   drip(ms)     HTTP 200 at once, then one byte of body every `ms`, never finishing (nothing forwarded): the
 *                connection is never idle, so a client's socket idle timeout never fires
 */
export type FaultMode =
  | { readonly kind: 'passThrough' }
  | { readonly kind: 'refuse' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'slow'; readonly ms: number }
  | { readonly kind: 'throttle'; readonly code?: 'ThrottlingException' | 'ProvisionedThroughputExceededException' }
  | { readonly kind: 'error500' }
  | { readonly kind: 'drip'; readonly ms: number };

export const FaultModes = {
  passThrough: { kind: 'passThrough' },
  refuse: { kind: 'refuse' },
  hang: { kind: 'hang' },
  slow: (ms: number): FaultMode => ({ kind: 'slow', ms }),
  throttle: (code: 'ThrottlingException' | 'ProvisionedThroughputExceededException' = 'ThrottlingException'): FaultMode => ({ kind: 'throttle', code }),
  error500: { kind: 'error500' },
  drip: (ms: number): FaultMode => ({ kind: 'drip', ms }),
} as const satisfies Record<string, FaultMode | ((...args: never[]) => FaultMode)>;

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: stays the same across modes (refuse re-listens on the same port afterwards). */
  readonly endpoint: string;
  readonly mode: FaultMode;
  /** Requests seen per mode kind (refused connections are never seen). */
  readonly seen: Readonly<Record<FaultMode['kind'], number>>;
  /** The DynamoDB operation (X-Amz-Target, e.g. `DynamoDB_20120810.PutItem`) of every request seen, in order. */
  readonly operations: readonly string[];
  /** Client connections open to the proxy right now. */
  readonly openConnections: number;
  setMode(mode: FaultMode): Promise<void>;
  /** Resolves once every delayed (slow) request has been forwarded and answered. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const seen: Record<FaultMode['kind'], number> = { passThrough: 0, refuse: 0, hang: 0, slow: 0, throttle: 0, error500: 0, drip: 0 };
  const drips = new Set<NodeJS.Timeout>();
  const operations: string[] = [];
  let mode: FaultMode = FaultModes.passThrough;
  let listening = false;

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> =>
    new Promise<void>((resolve) => {
      const upstream = httpRequest(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers, agent },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () => {
            if (!res.destroyed && !res.writableEnded) {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(chunks));
            }
            resolve();
          });
          answer.on('error', () => resolve());
        },
      );
      upstream.on('error', () => {
        if (!res.destroyed && !res.headersSent) res.destroy();
        resolve();
      });
      upstream.end(body);
    });

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const current = mode;
      seen[current.kind]++;
      operations.push(String(req.headers['x-amz-target'] ?? ''));
      switch (current.kind) {
        case 'passThrough':
        case 'refuse': // a request on a socket accepted just before the switch
          track(forward(req, body, res));
          return;
        case 'hang':
          return; // never answered; the socket is destroyed when the mode changes or the proxy stops
        case 'slow':
          track(
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                timers.delete(timer);
                void forward(req, body, res).then(resolve);
              }, current.ms);
              timers.add(timer);
            }),
          );
          return;
        case 'throttle':
          sendError(res, 400, current.code ?? 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
          return;
        case 'error500':
          sendError(res, 500, 'InternalServerError', 'Internal server error');
          return;
        case 'drip': {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `fault-proxy-${Date.now()}` });
          res.write('{');
          const timer = setInterval(() => res.write(' '), current.ms);
          drips.add(timer);
          res.once('close', () => {
            clearInterval(timer);
            drips.delete(timer);
          });
          return;
        }
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      listening = false;
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    seen,
    operations,
    get openConnections() {
      return sockets.size;
    },
    async setMode(next) {
      const previous = mode;
      mode = next;
      // Requests left hanging (or dripping) by the last mode end as a dropped connection, as when a server goes away.
      if (previous.kind === 'hang' || previous.kind === 'drip') for (const socket of sockets) socket.destroy();
      if (next.kind === 'refuse' && listening) await close();
      if (next.kind !== 'refuse' && !listening) await listen(port);
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const timer of drips) clearInterval(timer);
      drips.clear();
      if (listening) await close();
      agent.destroy();
    },
  };
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${code}`, message });
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': `fault-proxy-${Date.now()}`,
  });
  res.end(body);
}
