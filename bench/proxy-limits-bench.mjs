// Benchmark (issue 19): the proxy with limits on, beside the same proxy without. Three Switchboard
// processes in front of one mock upstream: no limits; two rules with counters in the database (SQLite);
// the same two rules with counters in Redis (`storage.redis`); plus a dollar budget on Redis, which makes
// the proxy read the model from the body and price the call before forwarding it. Measures only latency
// at concurrency 1 and requests per second at concurrency 32 (the quick part of bench:proxy); asserts
// nothing. The machine may be shared: the load average is printed before and after.
//
//   npm run bench:proxy-limits   (= build, then node bench/proxy-limits-bench.mjs; about a minute)
//
// Knobs: BENCH_REQUESTS (3000), BENCH_WARMUP (500), BENCH_RPS_ROUNDS (2), BENCH_RPS_SECONDS (5),
// BENCH_REDIS_URL (redis://127.0.0.1:6379). Needs wrk and a Redis server.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chatBody, latencyAtConcurrency1, percentile, throughputAtConcurrency32 } from './proxy/measure.mjs';
import { startMock, startSwitchboard, stopAll } from './proxy/processes.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_DIR = dirname(BENCH_DIR);
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const SETTINGS = {
  requests: env('BENCH_REQUESTS', 3_000),
  warmup: env('BENCH_WARMUP', 500),
  rounds: env('BENCH_RPS_ROUNDS', 2),
  seconds: env('BENCH_RPS_SECONDS', 5),
};
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Redis outlives the run: fresh rule names, so no old counter is near its limit.
const RUN = randomBytes(4).toString('hex');
const log = (message) => console.error(`[proxy-limits-bench] ${message}`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/** Two rules every proxied call matches, far from their limits: a request count and a token count. */
const TWO_RULES = `limits:
  each_user_${RUN}: { user: "*", requests: 1000000000, per: minute }
  openai_tokens_${RUN}: { provider: openai, tokens: 1000000000000, per: day }
`;
const DOLLARS = `${TWO_RULES}  openai_budget_${RUN}: { provider: openai, usd: 1000000, per: month }
`;

const VARIANTS = [
  { name: 'no limits' },
  { name: 'two rules, SQLite counters', file: 'sqlite-counters', limits: TWO_RULES },
  { name: 'two rules, Redis counters', file: 'redis-counters', limits: TWO_RULES, redis: true },
  { name: 'two rules + a USD budget, Redis', file: 'redis-usd', limits: DOLLARS, redis: true },
];

async function main() {
  const workDir = await mkdtemp(join(tmpdir(), 'switchboard-limits-bench-'));
  const loadBefore = load();
  try {
    const mock = await startMock(BENCH_DIR);
    const targets = [{ name: 'direct', url: `${mock.openai}/chat/completions`, headers: {} }];
    for (const variant of VARIANTS) {
      const server = await startSwitchboard(REPO_DIR, workDir, mock, 'warn', {
        name: variant.file ?? 'plain',
        storage: variant.redis ? `, redis: "${REDIS_URL}"` : '',
        limits: variant.limits ?? '',
      });
      targets.push({ name: variant.name, url: `${server.url}/api/ai/openai/chat/completions`, headers: {} });
    }
    log(`latency @1: ${SETTINGS.warmup} + ${SETTINGS.requests} requests per path ...`);
    const latency = (await latencyAtConcurrency1(targets, SETTINGS)).map((sorted) => ({
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    }));
    const bodyFile = join(workDir, 'body.json');
    await writeFile(bodyFile, chatBody());
    log(`req/s @32: ${SETTINGS.rounds} rounds of ${SETTINGS.seconds} s per path ...`);
    const wrk = await throughputAtConcurrency32(targets, {
      bodyFile,
      luaScript: join(BENCH_DIR, 'proxy', 'post.lua'),
      rounds: SETTINGS.rounds,
      seconds: SETTINGS.seconds,
    });
    const direct = latency[0];
    const lines = [
      `${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} cores, Node ${process.version}, load ${loadBefore} before, ${load()} after`,
      '',
      '| path | added p50 @1 | added p99 @1 | req/s @32 |',
      '| --- | --: | --: | --: |',
      ...targets.map((target, index) => {
        const row = latency[index];
        const added = (value, base) =>
          index === 0 ? `(${value.toFixed(2)} ms)` : `+${(value - base).toFixed(2)} ms`;
        return `| ${target.name} | ${added(row.p50, direct.p50)} | ${added(row.p99, direct.p99)} | ${Math.round(wrk[index].rps).toLocaleString('en-US')} |`;
      }),
    ];
    console.log(lines.join('\n'));
  } finally {
    await stopAll();
    await rm(workDir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => stopAll().finally(() => process.exit(130)));
}
main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exitCode = 1;
});
