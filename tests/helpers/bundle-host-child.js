'use strict';
/**
 * Runs in a child process (see bundle-host.ts): loads the Lambda bundle with the environment the parent
 * set, then answers IPC messages. stdout/stderr are left to the bundle (powertools Logger writes JSON
 * lines there), so the parent sees exactly what CloudWatch would.
 */
const { handler } = require(process.env.BUNDLE_PATH);

let unhandled = 0;
process.on('unhandledRejection', () => {
  unhandled++;
});

function sample() {
  if (typeof global.gc === 'function') global.gc();
  const resources = process.getActiveResourcesInfo();
  const byKind = {};
  for (const name of resources) byKind[name] = (byKind[name] || 0) + 1;
  return {
    heapUsed: process.memoryUsage().heapUsed,
    handles: resources.length,
    sockets: byKind.TCPSocketWrap || 0,
    timers: byKind.Timeout || 0,
    byKind,
    unhandled,
  };
}

process.on('message', async (message) => {
  if (message.type === 'invoke') {
    const started = performance.now();
    try {
      const response = await handler(message.envelope, {});
      process.send({ id: message.id, ok: true, response, ms: performance.now() - started });
    } catch (error) {
      process.send({ id: message.id, ok: false, error: { name: error && error.name, message: error && String(error.message).slice(0, 200) }, ms: performance.now() - started });
    }
  } else if (message.type === 'sample') {
    // Let keep-alive sockets and timers settle a moment before counting them.
    await new Promise((resolve) => setImmediate(resolve));
    process.send({ id: message.id, ok: true, sample: sample() });
  } else if (message.type === 'exit') {
    process.disconnect();
  }
});

process.send({ ready: true });
