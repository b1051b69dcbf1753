// The benchmark's upstream: Switchboard's own mock providers (packages/server/dist/mock-providers), run in
// a process of their own so the upstream never shares an event loop with the load generator or a proxy.
// Started by proxy-bench.mjs over an IPC channel; not meant to be run by hand.
//
// Messages from the parent:
//   { type: 'last-stream' }  -> { type: 'last-stream', writes: [ns, ...] }   when each frame of the latest
//                              SSE answer was handed to the socket (process.hrtime, CLOCK_MONOTONIC, so the
//                              parent can compare it with its own clock)
//   { type: 'watch-abort' }  -> { type: 'watching' } now, then { type: 'aborted', at: ns } when the next
//                              client goes away mid-answer (or { type: 'aborted', at: null } after 5 s)
// and it sends { type: 'ready', url, openai } once listening.
import { ServerResponse } from 'node:http';
import { startMockProviders } from '../../packages/server/dist/mock-providers/index.js';

const now = () => process.hrtime.bigint().toString();

/** Write times of the latest event-stream answer; the bench streams one request at a time. */
let lastStream = [];

// Timestamps each frame as the mock writes it, so the bench can tell how long a proxy held it without the
// noise of the mock's own timer (a paced frame can be a millisecond late, and differently on every run).
// Only event-stream answers are traced; a JSON answer pays one property read per write.
const writeHead = ServerResponse.prototype.writeHead;
ServerResponse.prototype.writeHead = function tracedWriteHead(status, ...rest) {
  const headers = rest.find((arg) => arg !== null && typeof arg === 'object' && !Array.isArray(arg));
  if (String(headers?.['content-type'] ?? '').startsWith('text/event-stream')) {
    this.benchWrites = [];
    lastStream = this.benchWrites;
  }
  return writeHead.call(this, status, ...rest);
};
const write = ServerResponse.prototype.write;
ServerResponse.prototype.write = function tracedWrite(...args) {
  this.benchWrites?.push(now());
  return write.apply(this, args);
};

const mock = await startMockProviders({ port: Number(process.env.MOCK_PORT ?? 0) });

// The mock records every request for tests; 100,000s of them would only grow this process and slow its GC,
// so the record is dropped every second (abort waiters are kept by the recorder, not in the record).
setInterval(() => mock.clear(), 1_000).unref();

process.on('message', (message) => {
  if (message?.type === 'last-stream') {
    process.send({ type: 'last-stream', writes: lastStream });
  } else if (message?.type === 'watch-abort') {
    mock.clear();
    mock
      .waitForAbort(() => true, 5_000)
      .then(
        () => process.send({ type: 'aborted', at: now() }),
        () => process.send({ type: 'aborted', at: null }),
      );
    process.send({ type: 'watching' });
  }
});
// The parent going away (even killed) closes the IPC channel: stop then, never linger.
process.on('disconnect', () => mock.close().finally(() => process.exit(0)));
process.on('SIGTERM', () => mock.close().finally(() => process.exit(0)));

process.send({ type: 'ready', url: mock.url, openai: mock.baseUrl('openai') });
