// What the translation adds per streamed chunk: each surface's stream encoder turning AI SDK stream parts
// into its events, serialized as SSE frames, as the gateway writes them. Measures and prints; asserts
// nothing. Runs the built server (`npm run bench:surfaces` builds first).
import { performance } from 'node:perf_hooks';
import { createChatCompletionsStreamEncoder } from '../packages/server/dist/gateway/surfaces/chat-completions/encode-chat-completions-stream.js';
import { createMessagesStreamEncoder } from '../packages/server/dist/gateway/surfaces/messages/encode-messages-stream.js';
import { createResponsesStreamEncoder } from '../packages/server/dist/gateway/surfaces/responses/encode-responses-stream.js';

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 200_000);
const META = { id: 'bench-1', model: 'anthropic:claude-haiku-4-5-20251001', created: 1_700_000_000 };

/** A stream of text deltas with a tool call every 50 chunks: the mix of an agent's answer. */
function* parts() {
  yield { type: 'text-start', id: 't0' };
  for (let index = 0; index < CHUNKS; index++) {
    if (index % 50 === 49) {
      const id = `call_${index}`;
      yield { type: 'tool-input-start', id, toolName: 'get_weather' };
      yield { type: 'tool-input-delta', id, delta: '{"city":"Paris"}' };
      yield { type: 'tool-input-end', id };
      yield { type: 'tool-call', toolCallId: id, toolName: 'get_weather', input: '{"city":"Paris"}' };
    } else {
      yield { type: 'text-delta', id: 't0', delta: `word${index} ` };
    }
  }
}

const frame = (event) =>
  `${event.event ? `event: ${event.event}\n` : ''}data: ${event.raw ? event.data : JSON.stringify(event.data)}\n\n`;

for (const [name, create] of [
  ['Chat Completions', () => createChatCompletionsStreamEncoder({ ...META, includeUsage: false })],
  ['Responses', () => createResponsesStreamEncoder(META)],
  ['Messages', () => createMessagesStreamEncoder(META)],
]) {
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const encoder = create();
    let bytes = 0;
    let count = 0;
    const started = performance.now();
    for (const part of parts()) {
      for (const event of encoder.encode(part)) bytes += frame(event).length;
      count++;
    }
    runs.push({ ms: performance.now() - started, count, bytes });
  }
  runs.sort((a, b) => a.ms - b.ms);
  const median = runs[2];
  console.log(
    `${name.padEnd(17)} ${((median.ms * 1000) / median.count).toFixed(2)} µs per part (median of 5 runs of ${median.count} parts, ${(median.bytes / 1e6).toFixed(1)} MB of SSE)`,
  );
}
