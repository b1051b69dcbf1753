// Benchmark: resolve() through the warm resolution cache, and cold preference reads, on SQLite and
// PostgreSQL. Measures and prints a Markdown table; asserts nothing.
//
//   npm run build && node bench/resolve-bench.mjs
//
// Runs the built packages (dist). PostgreSQL: 127.0.0.1:5432 as `postgres` (then `root`), or the
// maintenance-database URL in SWITCHBOARD_BENCH_POSTGRES_URL; a scratch database is created and dropped.
// BENCH_USERS (default 100000) and BENCH_SECONDS (default 3) scale it. Cold reads are wall-clock latencies;
// warm rates are per CPU-second (see measureRate).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { parseConfig, resolveModel } from '../packages/core/dist/index.js';
import { createResolutionCache, createStore } from '../packages/server/dist/store/index.js';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const COLD_READS = Math.min(20_000, USERS);
const SEED_BATCH = 1_000;
const TASKS = ['chat', 'prd_generation', 'sql', 'embeddings', 'spec_generation'];
const MODELS = {
  chat: ['openai:gpt-4o', 'anthropic:claude-sonnet-4-5-20250929', 'openai:gpt-5-mini'],
  prd_generation: ['openai:gpt-5', 'anthropic:claude-haiku-4-5-20251001'],
  sql: ['ollama:sqlcoder:7b'],
};

const { registry } = parseConfig({
  version: 2,
  models: {
    defaults: {
      chat: 'openai:gpt-4o-mini',
      sql: 'ollama:sqlcoder:7b',
      embeddings: 'openai:text-embedding-3-small',
    },
    openai: { api_key: 'bench' },
    anthropic: { api_key: 'bench' },
    ollama: { registry: { 'sqlcoder:7b': { id: 'ollama:sqlcoder:7b', capabilities: ['sql'] } } },
  },
});

const userId = (index) => `user-${index}`;

/** Users hold one to three preferences each; seeded straight into the tables (seeding is not measured). */
async function seed(store) {
  const now = new Date().toISOString();
  for (let start = 0; start < USERS; start += SEED_BATCH) {
    const users = [];
    const preferences = [];
    for (let index = start; index < Math.min(USERS, start + SEED_BATCH); index++) {
      const tasks = Object.keys(MODELS).slice(0, 1 + (index % 3));
      users.push({ id: userId(index), created_at: now, preferences_version: tasks.length });
      for (const task of tasks) {
        const choices = MODELS[task];
        preferences.push({
          user_id: userId(index),
          task,
          model_id: choices[index % choices.length],
          updated_at: now,
        });
      }
    }
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values(users).execute();
      await trx.insertInto('model_preferences').values(preferences).execute();
    });
  }
  await store.defaultOverrides.set('capability:embeddings', 'openai:text-embedding-3-small', 'bench');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A cheap deterministic pseudo-random sequence (an LCG), so runs are comparable. */
function createRandom(seed = 12345) {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

/** User indexes drawn uniformly: the worst case for CPU caches (every lookup a likely cache miss). */
function uniformPicks(random, count) {
  return Array.from({ length: count }, () => Math.floor(random() * USERS));
}

/** User indexes drawn from a Zipf distribution (s = 1): a few users make most calls, as in real traffic. */
function zipfPicks(random, count) {
  const cumulative = new Float64Array(USERS);
  let total = 0;
  for (let rank = 0; rank < USERS; rank++) {
    total += 1 / (rank + 1);
    cumulative[rank] = total;
  }
  return Array.from({ length: count }, () => {
    const target = random() * total;
    let low = 0;
    let high = USERS - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    // Spread the hot ranks over the id space, so hot users are not neighbours in memory.
    return Math.floor((low * 2654435761) % USERS);
  });
}

/**
 * Runs `body(count, offset)` in rounds for SECONDS. Answers the median and best rate over the rounds, per
 * second of this process's CPU time: on a shared machine the wall clock also counts time the scheduler gave
 * to other processes, which says nothing about this code. (The loop is synchronous: CPU time is its time.)
 */
function measureRate(body) {
  const ROUND = 200_000;
  body(ROUND, 0);
  const rates = [];
  const started = performance.now();
  let offset = 0;
  while (performance.now() - started < SECONDS * 1000 || rates.length < 5) {
    const cpuStarted = process.cpuUsage();
    body(ROUND, offset);
    const cpu = process.cpuUsage(cpuStarted);
    rates.push(ROUND / ((cpu.user + cpu.system) / 1e6));
    offset += ROUND;
  }
  rates.sort((a, b) => a - b);
  return { median: rates[Math.floor(rates.length / 2)], best: rates[rates.length - 1] };
}

const PICKS = 1 << 16;
let sink = 0;

/** resolveModel on its own, with one fixed preference: the floor of what any cache can reach. */
function measureResolveAlone() {
  const preferences = { tasks: { chat: MODELS.chat[0], prd_generation: MODELS.prd_generation[0] } };
  const runtimeDefaults = { tasks: {}, capabilities: { embeddings: 'openai:text-embedding-3-small' } };
  return measureRate((count) => {
    for (let i = 0; i < count; i++) {
      const task = TASKS[i % TASKS.length];
      sink += resolveModel(registry, task, { preference: preferences.tasks[task], runtimeDefaults }).model
        .length;
    }
  });
}

/** Warm path: `cache.peek` then `resolveModel`, over the given sequence of users. */
function measureWarm(cache, ids, picks) {
  return measureRate((count, offset) => {
    for (let i = 0; i < count; i++) {
      const user = ids[picks[(i + offset) & (PICKS - 1)]];
      const task = TASKS[i % TASKS.length];
      const preferences = cache.peek(user);
      const resolution = resolveModel(registry, task, {
        preference: preferences.tasks[task],
        runtimeDefaults: cache.runtimeDefaults,
      });
      sink += resolution.model.length;
    }
  });
}

/** `cache.peek` and the task lookup only: the cache's own share of the warm path. */
function measurePeek(cache, ids, picks) {
  return measureRate((count, offset) => {
    for (let i = 0; i < count; i++) {
      const task = TASKS[i % TASKS.length];
      sink += cache.peek(ids[picks[(i + offset) & (PICKS - 1)]]).tasks[task]?.length ?? 1;
    }
  });
}

async function run(label, url) {
  const store = await createStore(url);
  const seedStarted = performance.now();
  await seed(store);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  // Cold: a cache miss, i.e. one read of the user's preferences through the cache.
  const cache = await createResolutionCache(store);
  const random = createRandom();
  const cold = [];
  const coldUsers = new Set();
  while (coldUsers.size < COLD_READS) coldUsers.add(Math.floor(random() * USERS));
  for (const index of coldUsers) {
    const started = performance.now();
    await cache.load(userId(index));
    cold.push(performance.now() - started);
  }
  cold.sort((a, b) => a - b);

  // Warm every user, then resolve in tight loops.
  for (let index = 0; index < USERS; index++) if (!cache.peek(userId(index))) await cache.load(userId(index));
  const ids = Array.from({ length: USERS }, (_, index) => userId(index));
  const uniform = uniformPicks(random, PICKS);
  const row = {
    label,
    cached: cache.size,
    peek: measurePeek(cache, ids, uniform),
    alone: measureResolveAlone(),
    single: measureWarm(cache, ids, new Array(PICKS).fill(1)),
    zipf: measureWarm(cache, ids, zipfPicks(random, PICKS)),
    uniform: measureWarm(cache, ids, uniform),
    p50: percentile(cold, 50),
    p99: percentile(cold, 99),
    seedSeconds,
  };
  cache.close();
  await store.close();
  return row;
}

async function findPostgres() {
  const fromEnv = process.env.SWITCHBOARD_BENCH_POSTGRES_URL;
  const candidates = fromEnv
    ? [fromEnv]
    : ['postgres', 'root'].map((user) => `postgres://${user}@127.0.0.1:5432/postgres`);
  const reasons = [];
  for (const url of candidates) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
      return { url };
    } catch (error) {
      reasons.push(`${url}: ${error.message}`);
    } finally {
      await client.end().catch(() => {});
    }
  }
  return { reason: reasons.join('; ') };
}

async function withAdmin(adminUrl, statement) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const rows = [];
const folder = await mkdtemp(join(tmpdir(), 'switchboard-bench-'));
try {
  rows.push(await run('SQLite (file, WAL)', `sqlite:${join(folder, 'bench.db')}`));
} finally {
  await rm(folder, { recursive: true, force: true });
}

const postgres = await findPostgres();
if (postgres.url) {
  const name = `switchboard_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin(postgres.url, `CREATE DATABASE ${name}`);
  try {
    const url = new URL(postgres.url);
    url.pathname = `/${name}`;
    rows.push(await run('PostgreSQL (loopback)', url.toString()));
  } finally {
    await withAdmin(postgres.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
} else {
  console.warn(`PostgreSQL not reachable, its row is skipped: ${postgres.reason}`);
}

const format = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rate = ({ median, best }) => `${format(median)} (${format(best)})`;
console.log(
  `\nresolve() benchmark: ${format(USERS)} users, Node ${process.version}, ${SECONDS} s per warm loop.` +
    ' Rates are per second of CPU time, median (best) of rounds;' +
    ` load average at the end ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}.\n`,
);
console.log(
  '| database | users cached | cache.peek alone, uniform | resolveModel alone | warm, one user | warm, Zipf over all users | warm, uniform over all users | cold read p50 | cold read p99 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.label} | ${format(row.cached)} | ${rate(row.peek)} | ${rate(row.alone)} | ${rate(row.single)} | ${rate(row.zipf)} | ${rate(row.uniform)} | ${format(row.p50, 3)} ms | ${format(row.p99, 3)} ms |`,
  );
}
console.log(
  `\nDesign budget: warm >= 1,000,000 / s; cold read p99 < 2 ms. Seeding took ${rows.map((row) => `${format(row.seedSeconds, 1)} s`).join(' / ')}. (checksum ${sink % 997})`,
);
