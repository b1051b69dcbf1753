// The measurements of the proxy benchmark. Each takes "targets": { name, url, headers } describing one
// way to reach the mock's chat completions (direct, or through a proxy), and returns plain numbers.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Pool } from 'undici';
import { runTracked } from './processes.mjs';

const NS_PER_MS = 1e6;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (values) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** The chat request every measurement sends; `stream` asks for SSE. */
export function chatBody({ stream = false, words = 1 } = {}) {
  // The mock echoes the last user message; with `words` words, a stream can be split into that many chunks.
  const content = Array.from({ length: words }, (_, i) => `word${i + 1}`).join(' ');
  return JSON.stringify({ model: 'gpt-4o-mini', stream, messages: [{ role: 'user', content }] });
}

// --- correctness -------------------------------------------------------------------------------------

/** The answer text of a chat completion, JSON or SSE, so every path can be checked to say the same. */
async function completionText(target, body, extraHeaders = {}) {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers, ...extraHeaders },
    body,
  });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`${target.name}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return JSON.parse(text).choices[0].message.content;
  }
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice(6)).choices[0]?.delta?.content ?? '')
    .join('');
}

/** Fails unless every target answers the same completion, plain and streamed, as the direct one. */
export async function verifySameAnswers(targets) {
  const plain = chatBody({ words: 8 });
  const streamed = chatBody({ stream: true, words: 8 });
  const expected = await completionText(targets[0], plain);
  for (const target of targets) {
    const [json, sse] = await Promise.all([
      completionText(target, plain),
      completionText(target, streamed, { 'x-mock-fault': 'paced;ms=1;chunks=4' }),
    ]);
    if (json !== expected || sse !== expected) {
      throw new Error(
        `${target.name} answered ${JSON.stringify(json)} / ${JSON.stringify(sse)}, expected ${JSON.stringify(expected)}`,
      );
    }
  }
  return expected;
}

// --- latency at concurrency 1 ------------------------------------------------------------------------

/** One request on the target's own keep-alive connection; resolves with its latency in ms. */
async function timedRequest(client, target, path, body) {
  const start = performance.now();
  const { statusCode, body: responseBody } = await client.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...target.headers },
    body,
  });
  await responseBody.arrayBuffer();
  const elapsed = performance.now() - start;
  if (statusCode !== 200) throw new Error(`${target.name}: HTTP ${statusCode}`);
  return elapsed;
}

/** Requests per target in a row before the next target's turn (see latencyAtConcurrency1). */
const LATENCY_BLOCK = 250;
/** Requests at the start of each block that are not recorded (see latencyAtConcurrency1). */
const LATENCY_SETTLE = 10;

/**
 * Sequential requests, one at a time across all targets, in blocks: 250 through one target, then 250
 * through the next, and round again, so noise from the rest of the machine (which drifts over seconds)
 * lands on every path alike. Not one request each in turn: a proxy's deferred work (a scavenge run as an
 * idle task, a batched write) would then land on the next path's request. The first few requests of each
 * block are not recorded, for the same reason. Resolves with sorted latencies (ms) per target.
 */
export async function latencyAtConcurrency1(targets, { warmup, requests }) {
  const body = chatBody();
  const clients = targets.map((target) => {
    const url = new URL(target.url);
    return {
      target,
      path: url.pathname,
      client: new Client(url.origin, { pipelining: 1, keepAliveTimeout: 60_000 }),
    };
  });
  const samples = clients.map(() => []);
  try {
    for (const { target, path, client } of clients) {
      for (let i = 0; i < warmup; i++) await timedRequest(client, target, path, body);
    }
    while (samples[0].length < requests) {
      for (const [index, { target, path, client }] of clients.entries()) {
        const size = Math.min(LATENCY_BLOCK, requests - samples[index].length);
        for (let i = 0; i < LATENCY_SETTLE; i++) await timedRequest(client, target, path, body);
        for (let i = 0; i < size; i++) samples[index].push(await timedRequest(client, target, path, body));
      }
    }
  } finally {
    await Promise.all(clients.map(({ client }) => client.close()));
  }
  return samples.map((values) => values.sort((a, b) => a - b));
}

// --- throughput at concurrency 32 (wrk) --------------------------------------------------------------

const WRK_UNITS_MS = { us: 1e-3, ms: 1, s: 1_000, m: 60_000 };

/** Reads wrk's Requests/sec, its --latency percentiles (ms) and any errors. */
export function parseWrk(output) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  const latencyMs = {};
  for (const match of output.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$/gm)) {
    latencyMs[`p${match[1]}`] = Number(match[2]) * WRK_UNITS_MS[match[3]];
  }
  const requests = Number(/(\d+) requests in/.exec(output)?.[1]);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socketErrors = /Socket errors:(.*)/.exec(output)?.[1]?.trim();
  return { rps, latencyMs, requests, non2xx, socketErrors };
}

/** `wrk` POSTing the chat body to the target for `seconds`; resolves with its parsed output. */
async function runWrk(target, { bodyFile, luaScript, threads = 2, connections = 32, seconds }) {
  const headers = Object.entries(target.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    '-s',
    luaScript,
    ...headers,
  ];
  const stdout = await runTracked('wrk', [...args, target.url, '--', bodyFile]);
  const result = { ...parseWrk(stdout), output: stdout };
  if (!(result.rps > 0)) throw new Error(`${target.name}: could not read wrk's output:\n${stdout}`);
  if (result.non2xx > 0 || result.socketErrors) {
    result.errors = `${result.non2xx} non-2xx${result.socketErrors ? `, socket errors: ${result.socketErrors}` : ''}`;
  }
  return result;
}

/**
 * `rounds` wrk runs of `seconds` per target, alternating targets round by round. Requests per second is
 * over all rounds (requests / time); the latency percentiles are each round's, averaged.
 */
export async function throughputAtConcurrency32(targets, { rounds, seconds, ...wrkOptions }) {
  const runs = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, target] of targets.entries())
      runs[index].push(await runWrk(target, { ...wrkOptions, seconds }));
  }
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  return runs.map((list) => ({
    rps: mean(list.map((run) => run.rps)),
    rounds: list.map((run) => run.rps),
    requests: list.reduce((sum, run) => sum + run.requests, 0),
    latencyMs: {
      p50: mean(list.map((run) => run.latencyMs.p50)),
      p99: mean(list.map((run) => run.latencyMs.p99)),
    },
    errors:
      list
        .map((run) => run.errors)
        .filter(Boolean)
        .join('; ') || undefined,
  }));
}

// --- streaming ----------------------------------------------------------------------------------------

/**
 * For a target that forwards no unknown header (the unified `/v1` surface passes only what its format
 * defines), the pacing is set on the mock itself for its next OpenAI answer instead of in `x-mock-fault`.
 */
async function armPacing(target, mock, paceMs, chunks) {
  if (!target.pacedByMock) return;
  const response = await fetch(`${mock.url}/_mock/faults`, {
    method: 'POST',
    body: JSON.stringify({ kind: 'openai', mode: 'paced', ms: paceMs, chunks, times: 1 }),
  });
  if (!response.ok) throw new Error(`the mock refused the pacing fault: HTTP ${response.status}`);
}

/**
 * One streamed completion over raw node:http (every `data` event timed as it arrives). Resolves with the
 * request's start and each SSE frame's arrival, in process.hrtime nanoseconds (bigint).
 */
function streamOnce(target, agent, body, faultHeader) {
  const url = new URL(target.url);
  return new Promise((resolve, reject) => {
    const arrivals = [];
    let pending = '';
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-mock-fault': faultHeader, ...target.headers },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`${target.name}: HTTP ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          const at = process.hrtime.bigint();
          // A frame is complete at its blank line; it arrived with the chunk that completed it.
          pending += chunk;
          let end = pending.indexOf('\n\n');
          while (end !== -1) {
            arrivals.push(at);
            pending = pending.slice(end + 2);
            end = pending.indexOf('\n\n');
          }
        });
        res.on('end', () => resolve({ start, arrivals }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const start = process.hrtime.bigint();
    req.end(body);
  });
}

/**
 * Paced streams (each frame `paceMs` after the last), `runs` per target, round-robin. For every frame, its
 * lag is its arrival at the client minus the moment the mock wrote it (both CLOCK_MONOTONIC), so the
 * mock's timer jitter drops out; a proxy's added delay per chunk is its median lag minus the direct one.
 * The first chunk is measured end to end instead (request sent to first frame received), since what a
 * proxy does before it even calls upstream is part of what the caller waits for.
 */
export async function streaming(targets, mock, { runs, chunks, paceMs }) {
  const body = chatBody({ stream: true, words: chunks });
  const fault = `paced;ms=${paceMs};chunks=${chunks}`;
  const agents = targets.map(() => new HttpAgent({ keepAlive: true, maxSockets: 1 }));
  const results = targets.map(() => ({ firstChunkMs: [], chunkLagMs: [], frames: 0 }));
  try {
    for (let run = 0; run < runs; run++) {
      for (const [index, target] of targets.entries()) {
        await armPacing(target, mock, paceMs, chunks);
        const { start, arrivals } = await streamOnce(target, agents[index], body, fault);
        const writes = await mock.lastStreamWrites();
        // The mock's OpenAI stream: a role delta, `chunks` content deltas, a finish delta and [DONE]. Fewer
        // writes mean the pacing header never reached it (a proxy that drops unknown headers).
        // The unified surface asks the upstream for a usage frame the client did not ask for and keeps it
        // back: one write more than arrivals, just before [DONE]. The frames before it pair up as usual.
        const heldBack = target.pacedByMock ? 1 : 0;
        const expected = chunks + 3 + heldBack;
        if (writes.length !== expected || arrivals.length !== writes.length - heldBack) {
          throw new Error(
            `${target.name}: ${arrivals.length} frames arrived, the mock wrote ${writes.length} (expected ${expected})`,
          );
        }
        const result = results[index];
        result.frames = arrivals.length;
        result.firstChunkMs.push(Number(arrivals[0] - start) / NS_PER_MS);
        for (let frame = 1; frame < arrivals.length - heldBack; frame++) {
          result.chunkLagMs.push(Number(arrivals[frame] - BigInt(writes[frame])) / NS_PER_MS);
        }
      }
    }
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return results.map((result) => ({
    frames: result.frames,
    firstChunkMs: result.firstChunkMs.sort((a, b) => a - b),
    chunkLagMs: result.chunkLagMs.sort((a, b) => a - b),
  }));
}

// --- client abort ------------------------------------------------------------------------------------

/** Opens a slow stream, hangs up after its first chunk; resolves with the hang-up time (ns). */
function hangUpAfterFirstChunk(target, body, faultHeader) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(target.url),
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'x-mock-fault': faultHeader, ...target.headers },
      },
      (res) => {
        res.once('data', () => {
          const at = process.hrtime.bigint();
          req.destroy();
          resolve(at);
        });
      },
    );
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end(body);
  });
}

/**
 * How long after a client hangs up mid-stream the mock sees its request aborted, per target. The stream
 * is paced slowly (`paceMs`), so a proxy that notices the client only on its next write shows up as about
 * `paceMs`; one that never aborts upstream lets the stream run to its end and shows as null.
 */
export async function abortDelay(targets, mock, { runs, paceMs, chunks }) {
  const body = chatBody({ stream: true, words: chunks });
  const fault = `paced;ms=${paceMs};chunks=${chunks}`;
  const results = [];
  for (const target of targets) {
    const delaysMs = [];
    for (let run = 0; run < runs; run++) {
      const { aborted } = await mock.watchAbort();
      await armPacing(target, mock, paceMs, chunks);
      const hungUpAt = await hangUpAfterFirstChunk(target, body, fault);
      const at = await aborted;
      delaysMs.push(at === null ? null : Number(BigInt(at) - hungUpAt) / NS_PER_MS);
      // A stream never aborted runs to its end (chunks x paceMs); one such run says enough.
      if (at === null) break;
      await sleep(20);
    }
    results.push(delaysMs);
  }
  return results;
}

// --- memory --------------------------------------------------------------------------------------------

/**
 * Exactly `total` requests, `concurrency` at a time, each on a pooled keep-alive connection. (wrk cannot
 * stop after a number of requests: a Lua counter stops a thread's loop, but wrk still runs its -d.)
 */
async function drive(target, total, concurrency) {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: concurrency, keepAliveTimeout: 60_000 });
  const body = chatBody();
  const headers = { 'content-type': 'application/json', ...target.headers };
  let sent = 0;
  let failed = 0;
  const worker = async () => {
    while (sent < total) {
      sent += 1;
      const response = await pool.request({ method: 'POST', path: url.pathname, headers, body });
      await response.body.arrayBuffer();
      if (response.statusCode !== 200) failed += 1;
    }
  };
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await pool.close();
  }
  return { requests: sent, failed, seconds: (performance.now() - started) / 1_000 };
}

/** Reads RSS every `everyMs` until stopped; `stop()` resolves with the lowest and highest reading. */
function sampleRss(pid, rssMb, everyMs) {
  const readings = [];
  const timer = setInterval(() => {
    rssMb(pid).then(
      (mb) => readings.push(mb),
      () => {},
    );
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return readings.length === 0 ? null : { min: Math.min(...readings), max: Math.max(...readings) };
    },
  };
}

/**
 * RSS after a warm-up and a short idle, then after `total` more requests at concurrency 32 and a short
 * idle, with the range it moved in meanwhile. The warm-up lets the heap reach a working size first (a
 * fresh Node process grows by tens of MB over its first thousands of requests: start-up, not a leak). A
 * single reading still lands anywhere in the garbage collector's sawtooth, which the range shows.
 */
export async function memoryOver(target, pid, rssMb, { warmup, total }) {
  await drive(target, warmup, 32);
  await sleep(1_000);
  const before = await rssMb(pid);
  const sampler = sampleRss(pid, rssMb, 250);
  const run = await drive(target, total, 32);
  const during = sampler.stop();
  await sleep(2_000);
  const after = await rssMb(pid);
  return { before, after, during, ...run };
}
