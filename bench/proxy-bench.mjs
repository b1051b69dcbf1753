// Benchmark (issues 5 and 16): what a hop through Switchboard's proxy costs, next to nginx (the floor of a
// hop on this machine), a bare Node pass-through (the floor of a Node proxy: bench/proxy/node-floor.mjs) and
// the Portkey gateway (the Node peer), all in front of the same mock upstream, in one run; Switchboard both
// plain and with two limit rules on, and its unified `/v1` surface's pass-through path.
// Measures and prints a Markdown table (also saved to bench/results/proxy-<date>.md); asserts nothing.
//
//   npm run bench:proxy          (= build, then node bench/proxy-bench.mjs)
//
// Runs the server bundle `npm start` runs (packages/server/dist/bundle; BENCH_SERVER_BIN picks another
// entry, such as packages/server/dist/bin.js). Needs /usr/sbin/nginx and wrk; installs bench/'s own dependencies (the
// Portkey gateway) on first run. See bench/README.md for the method. Knobs (environment): BENCH_REQUESTS
// (3000), BENCH_WARMUP (500), BENCH_RPS_ROUNDS (2) x BENCH_RPS_SECONDS (5), BENCH_STREAM_RUNS (30),
// BENCH_ABORT_RUNS (10), BENCH_MEMORY_WARMUP (5000), BENCH_MEMORY_REQUESTS (100000), and LOG_LEVEL for
// Switchboard (default warn: at info it logs every request, and the bench would measure pino).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  abortDelay,
  chatBody,
  latencyAtConcurrency1,
  memoryOver,
  streaming,
  throughputAtConcurrency32,
  verifySameAnswers,
} from './proxy/measure.mjs';
import {
  ensureBenchDependencies,
  rssMb,
  startMock,
  startNginx,
  startNodeFloor,
  startPortkey,
  startSwitchboard,
  stopAll,
} from './proxy/processes.mjs';
import { renderReport, summarize } from './proxy/report.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = dirname(BENCH_DIR);
const env = (name, fallback) => Number(process.env[name] ?? fallback);

const SETTINGS = {
  requests: env('BENCH_REQUESTS', 3_000),
  warmup: env('BENCH_WARMUP', 500),
  // wrk runs in rounds, paths alternating, so a change in the machine's other load hits every path alike.
  rpsRounds: env('BENCH_RPS_ROUNDS', 2),
  rpsRoundSeconds: env('BENCH_RPS_SECONDS', 5),
  streamRuns: env('BENCH_STREAM_RUNS', 30),
  chunks: 20,
  paceMs: 10,
  abortRuns: env('BENCH_ABORT_RUNS', 10),
  // Slow enough that "noticed the hang-up only at the next chunk" (~100 ms) cannot pass for "at once".
  abortPaceMs: 100,
  abortChunks: 30,
  memoryWarmup: env('BENCH_MEMORY_WARMUP', 5_000),
  memoryRequests: env('BENCH_MEMORY_REQUESTS', 100_000),
  logLevel: process.env.LOG_LEVEL ?? 'warn',
};

const log = (message) => console.error(`[proxy-bench] ${message}`);

/**
 * Two rules every proxied call matches, far from their limits (a request count per user, a token count per
 * provider), with their counters in the database: the proxy admits and settles every call against both.
 */
const TWO_RULES = `limits:
  each_user: { user: "*", requests: 1000000000, per: minute }
  openai_tokens: { provider: openai, tokens: 1000000000000, per: day }
`;

/** The ways to the mock's chat completions; the same body goes down each. */
function describeTargets(mock, nginx, floor, switchboard, limited, portkey) {
  return [
    { name: 'direct', url: `${mock.openai}/chat/completions`, headers: {} },
    { name: 'nginx', url: `${nginx.url}/openai/v1/chat/completions`, headers: {} },
    { name: 'Node floor', url: `${floor.url}/openai/v1/chat/completions`, headers: {} },
    { name: 'Switchboard', url: `${switchboard.url}/api/ai/openai/chat/completions`, headers: {} },
    {
      name: 'Switchboard + 2 limits',
      url: `${limited.url}/api/ai/openai/chat/completions`,
      headers: {},
    },
    // The unified surface's same-format path: `model: gpt-4o-mini` is a bare name, resolved to openai:gpt-4o-mini.
    // It forwards no `x-mock-fault`, so streams are paced through the mock's own fault list (`pacedByMock`).
    {
      name: 'Switchboard /v1',
      url: `${switchboard.url}/v1/chat/completions`,
      headers: {},
      pacedByMock: true,
    },
    {
      name: 'Portkey',
      url: `${portkey.url}/v1/chat/completions`,
      // Portkey routes by headers: provider, the upstream it should call, and the provider key. It drops
      // other headers unless told to forward them, and the mock's pacing rides on x-mock-fault.
      headers: {
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': mock.openai,
        'x-portkey-forward-headers': 'x-mock-fault',
        authorization: 'Bearer sk-bench',
      },
    },
  ];
}

/** A tool's output (stdout and stderr: `nginx -v` prints to stderr; `wrk -v` exits 1). */
function tryRun(file, args) {
  const { stdout, stderr } = spawnSync(file, args, { encoding: 'utf8' });
  return `${stdout ?? ''}${stderr ?? ''}`.trim() || 'unknown';
}

const loadString = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

function describeMachine() {
  const commit = tryRun('git', ['-C', REPO_DIR, 'rev-parse', '--short', 'HEAD']);
  const status = spawnSync('git', ['-C', REPO_DIR, 'status', '--porcelain', '--', 'packages'], {
    encoding: 'utf8',
  });
  const dirty = status.stdout?.trim() ? ' + uncommitted changes in packages/' : '';
  const portkeyPackage = join(BENCH_DIR, 'node_modules/@portkey-ai/gateway/package.json');
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown CPU',
    memoryGb: (totalmem() / 2 ** 30).toFixed(0),
    node: process.version,
    nginx: tryRun('/usr/sbin/nginx', ['-v']).replace('nginx version: ', ''),
    wrk: tryRun('wrk', ['-v']).split('\n')[0].split(' [')[0],
    portkey: JSON.parse(readFileSync(portkeyPackage, 'utf8')).version,
    commit: `${commit}${dirty}`,
    loadBefore: loadString(),
  };
}

/** Runs one phase, logging what it does and how long it took. */
async function phase(label, run) {
  log(`${label} ...`);
  const started = performance.now();
  const result = await run();
  log(`${label}: done in ${((performance.now() - started) / 1_000).toFixed(0)} s`);
  return result;
}

/** Every measurement, in an order where each phase warms what the next one needs. */
async function measure(targets, mock, pids, bodyFile) {
  const results = { memory: targets.map(() => null) };

  // Memory first, so "before" is a proxy that has only been warmed up (not already run through the rest).
  for (const [index, target] of targets.entries()) {
    if (!pids[target.name]) continue;
    results.memory[index] = await phase(
      `memory: ${SETTINGS.memoryRequests} requests through ${target.name}`,
      () =>
        memoryOver(target, pids[target.name], rssMb, {
          warmup: SETTINGS.memoryWarmup,
          total: SETTINGS.memoryRequests,
        }),
    );
  }

  results.latency = await phase(
    `latency @1: ${SETTINGS.warmup} + ${SETTINGS.requests} requests per path`,
    () => latencyAtConcurrency1(targets, SETTINGS),
  );

  results.wrk = await phase(
    `req/s @32: wrk, ${SETTINGS.rpsRounds} rounds of ${SETTINGS.rpsRoundSeconds} s per path`,
    () =>
      throughputAtConcurrency32(targets, {
        bodyFile,
        luaScript: join(BENCH_DIR, 'proxy', 'post.lua'),
        rounds: SETTINGS.rpsRounds,
        seconds: SETTINGS.rpsRoundSeconds,
      }),
  );

  results.streaming = await phase(`streaming: ${SETTINGS.streamRuns} runs per path`, () =>
    streaming(targets, mock, { runs: SETTINGS.streamRuns, chunks: SETTINGS.chunks, paceMs: SETTINGS.paceMs }),
  );

  results.abort = await phase('client abort', () =>
    abortDelay(targets, mock, {
      runs: SETTINGS.abortRuns,
      paceMs: SETTINGS.abortPaceMs,
      chunks: SETTINGS.abortChunks,
    }),
  );
  return results;
}

async function main() {
  ensureBenchDependencies(BENCH_DIR);
  const machine = describeMachine();
  const [load] = loadavg();
  if (load > 0.5) {
    log(
      `warning: load average ${load.toFixed(2)} on ${cpus().length} cores: other work competes for the CPUs, expect noise`,
    );
  }
  const workDir = await mkdtemp(join(tmpdir(), 'switchboard-proxy-bench-'));
  try {
    log('starting the mock upstream, nginx, the Node floor, two Switchboards and Portkey ...');
    const mock = await startMock(BENCH_DIR);
    const nginx = await startNginx(workDir, mock);
    const floor = await startNodeFloor(BENCH_DIR, mock);
    const switchboard = await startSwitchboard(REPO_DIR, workDir, mock, SETTINGS.logLevel);
    const limited = await startSwitchboard(REPO_DIR, workDir, mock, SETTINGS.logLevel, {
      name: 'limited',
      limits: TWO_RULES,
    });
    const portkey = await startPortkey(BENCH_DIR);
    const targets = describeTargets(mock, nginx, floor, switchboard, limited, portkey);

    const answer = await verifySameAnswers(targets);
    log(`all ${targets.length} paths answer ${JSON.stringify(answer)}, plain and streamed`);
    const bodyFile = join(workDir, 'body.json');
    await writeFile(bodyFile, chatBody());

    const results = await measure(
      targets,
      mock,
      {
        'Node floor': floor.pid,
        Switchboard: switchboard.pid,
        'Switchboard + 2 limits': limited.pid,
        Portkey: portkey.pid,
      },
      bodyFile,
    );
    machine.loadAfter = loadString();

    const rows = summarize(
      targets.map((target) => target.name),
      results,
    );
    const command = 'npm run bench:proxy';
    const report = renderReport({ rows, machine, settings: SETTINGS, command });
    console.log(report);
    const resultsDir = join(BENCH_DIR, 'results');
    await mkdir(resultsDir, { recursive: true });
    const file = join(resultsDir, `proxy-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.md`);
    await writeFile(file, report);
    // The latest run under a fixed name too, for pasting into the README.
    await writeFile(join(resultsDir, 'proxy.md'), report);
    log(`saved ${relative(REPO_DIR, file)}`);
  } finally {
    await stopAll();
    await rm(workDir, { recursive: true, force: true });
  }
}

// Ctrl-C or a kill still stops every process the bench started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping what the bench started`);
    stopAll().finally(() => process.exit(130));
  });
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exitCode = 1;
});
