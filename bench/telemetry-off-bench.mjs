// Micro-benchmark (issue 18): what the telemetry hooks add to one proxied call when tracing is off. With no
// OTLP endpoint the telemetry plugin adds no Fastify hook and makes no tracer, so the per-call code left is
// `request.trace?.startAttempt(...)` (a property read and a branch), one per-chunk check for the first
// token, and the gateway metrics counted in `recordUsage` (those run whether tracing is on or not).
// Prints ns per call; asserts nothing.
//
//   npm run build --silent && node bench/telemetry-off-bench.mjs
import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { createGatewayMetrics } from '../packages/server/dist/telemetry/gateway-metrics.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const CHUNKS_PER_CALL = 20;

function measure(name, run) {
  for (let i = 0; i < CALLS / 10; i++) run(i); // warm up the JIT
  const started = performance.now();
  for (let i = 0; i < CALLS; i++) run(i);
  const ns = ((performance.now() - started) * 1e6) / CALLS;
  console.log(`${name.padEnd(58)} ${ns.toFixed(1).padStart(8)} ns/call`);
  return ns;
}

// A request as Fastify makes it, with no `trace` decoration (tracing off).
const requests = Array.from({ length: 64 }, (_, i) => ({ id: `req-${i}`, headers: {}, raw: {} }));
let sink = 0;
const branch = measure('request.trace?.startAttempt() + if (attempt), tracing off', (i) => {
  const attempt = requests[i & 63].trace?.startAttempt({ provider: 'openai', operation: 'chat', index: 0 });
  if (attempt) sink++;
});
let firstTokenMs;
const chunkCheck = measure(`first-token check x ${CHUNKS_PER_CALL} chunks`, (i) => {
  firstTokenMs = undefined;
  for (let c = 0; c < CHUNKS_PER_CALL; c++) if (i >= 0 && firstTokenMs === undefined) firstTokenMs = c;
});
const metrics = createGatewayMetrics(new Registry(), {
  model: (model) => model ?? 'unregistered',
  provider: (p) => p,
});
const usage = { inputTokens: 12, outputTokens: 30, cacheReadTokens: 0 };
const observe = measure('gatewayMetrics.observeCall (metrics, on with or without tracing)', (i) => {
  metrics.observeCall({
    task: 'none',
    model: 'openai:gpt-4o-mini',
    provider: 'openai',
    status: 'ok',
    endpoint: 'proxy',
    usage,
    cost: 0.000021,
    durationMs: 3 + (i & 7),
    firstTokenMs: 1,
    overheadMs: 0.2,
  });
});
console.log(
  `${'total per proxied call'.padEnd(58)} ${(branch + chunkCheck + observe).toFixed(1).padStart(8)} ns/call`,
);
if (sink) console.log('unexpected: a trace existed');
