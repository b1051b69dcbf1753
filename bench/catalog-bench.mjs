// Startup time (spawn to the first /readyz 200) and GET /v1/ai/models latency with a 5,000-model catalogue
// imported into the database (DESIGN.md: startup under 1 s, the listing under 10 ms). Measures and prints; asserts nothing.
//
//   npm run bench:catalog                          # a generated models.dev api.json: 50 providers x 100 models
//   npm run bench:catalog -- path/to/api.json      # a real models.dev api.json: every provider is mapped
//                                                  # (catalog.providers) to a configured openai-compatible one
//   BENCH_YAML=1 npm run bench:catalog             # the same models as registry entries in the YAML instead
//
// The catalogue goes in with `switchboard catalog import` (timed too), as a user would put it there.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { stringify } from 'yaml';

// The bundled CLI, as `npm start` runs it.
const CLI = fileURLToPath(new URL('../packages/server/dist/bundle/bin.js', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const YAML = process.env.BENCH_YAML === '1';

/** 50 providers of 100 models each, in models.dev's `api.json` shape. */
function syntheticCatalog() {
  const catalog = {};
  for (let p = 0; p < 50; p++) {
    const models = {};
    for (let m = 0; m < 100; m++) {
      const id = `family-${p}/model-${m}`;
      models[id] = {
        id,
        name: `Model ${p}.${m}`,
        family: `family-${p}`,
        release_date: '2025-06-01',
        last_updated: '2025-06-01',
        attachment: m % 3 !== 0,
        reasoning: m % 4 === 0,
        tool_call: true,
        structured_output: m % 2 === 0,
        temperature: true,
        knowledge: '2025-01',
        open_weights: false,
        cost: {
          input: (m % 7) / 4,
          output: (m % 11) / 2,
          cache_read: (m % 7) / 40,
          ...(m % 5 === 0
            ? { tiers: [{ tier: { size: 200_000 }, input: (m % 7) / 2, output: m % 11 }] }
            : {}),
        },
        limit: { context: 8_192 * (1 + (m % 16)), output: 4_096 },
        modalities: { input: m % 3 ? ['text', 'image'] : ['text'], output: ['text'] },
      };
    }
    catalog[`vendor-${p}`] = {
      id: `vendor-${p}`,
      name: `Vendor ${p}`,
      env: [`VENDOR_${p}_API_KEY`],
      npm: '@ai-sdk/openai-compatible',
      api: 'http://127.0.0.1:9/v1',
      doc: 'https://example.com',
      models,
    };
  }
  return catalog;
}

/** A provider name of ours for a models.dev provider ID. */
const providerName = (id) =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .replace(/^[^a-z]+/, '') || 'p';

/** One openai-compatible provider per catalogue provider, mapped to it (or, BENCH_YAML, holding its models). */
function configFor(catalog, dir) {
  const models = {};
  const mapping = {};
  for (const [id, provider] of Object.entries(catalog)) {
    if (!provider.models || !Object.keys(provider.models).length) continue;
    const name = providerName(id);
    const section = { kind: 'openai-compatible', endpoint: 'http://127.0.0.1:9/v1' };
    if (YAML) {
      section.registry = {};
      for (const [modelId, model] of Object.entries(provider.models)) {
        section.registry[modelId] = {
          capabilities: ['chat'],
          ...(model.limit?.context ? { context_window: model.limit.context } : {}),
          ...(model.limit?.output ? { max_output_tokens: model.limit.output } : {}),
          ...(model.cost ? { cost: { input: model.cost.input, output: model.cost.output } } : {}),
        };
      }
    } else {
      mapping[name] = id;
    }
    models[name] = section;
  }
  return {
    version: 2,
    storage: { url: `sqlite:${join(dir, 'sb.db')}` },
    models,
    ...(YAML ? {} : { catalog: { providers: mapping } }),
  };
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')}: ${err}`)),
    );
  });
}

function startServer(config) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" shows where a start spends its time.
    const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--config', config, '--port', '0'], {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    let url;
    const onData = (chunk) => {
      buffered += chunk;
      url = /"url":"(http:[^"]+)"/.exec(buffered)?.[1];
      if (!url) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      const listeningMs = performance.now() - started;
      // Started means answering: the first 200 from /readyz (the database answers), a few ms after listening.
      waitReady(url).then(() => {
        const startupMs = performance.now() - started;
        resolve({ child, url, startupMs, listeningMs, cpuMs: cpuMsOf(child.pid) });
      }, reject);
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** Asks `/readyz` until it answers 200. */
async function waitReady(url) {
  for (;;) {
    const response = await request(`${url}/readyz`).catch(() => undefined);
    await response?.body.dump();
    if (response?.statusCode === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc: on a machine shared with other work, a
 * start's CPU time moves much less than its wall time. Undefined where /proc is not there.
 */
function cpuMsOf(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const source = process.argv[2];
const catalog = source ? JSON.parse(readFileSync(source, 'utf8')) : syntheticCatalog();
const dir = mkdtempSync(join(tmpdir(), 'switchboard-catalog-bench-'));
const config = join(dir, 'switchboard.yaml');
const catalogFile = join(dir, 'api.json');
writeFileSync(catalogFile, JSON.stringify(catalog));
writeFileSync(config, stringify(configFor(catalog, dir)));
const total = Object.values(catalog).reduce(
  (sum, provider) => sum + Object.keys(provider.models ?? {}).length,
  0,
);

const startups = [];
const listenings = [];
const cpus = [];
const bare = [];
let listing;
let importMs;
try {
  await run(['--config', config, 'db', 'migrate']);
  // The same config on an empty catalogue first: what the start costs without the 5,000 models.
  for (let i = 0; i < RUNS && !YAML; i++) {
    const { child, startupMs, cpuMs } = await startServer(config);
    bare.push({ startupMs, cpuMs });
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
  if (!YAML) {
    const t = performance.now();
    await run(['--config', config, 'catalog', 'import', catalogFile]);
    importMs = performance.now() - t;
  }
  for (let i = 0; i < RUNS; i++) {
    const { child, url, startupMs, listeningMs, cpuMs } = await startServer(config);
    startups.push(startupMs);
    listenings.push(listeningMs);
    if (cpuMs !== undefined) cpus.push(cpuMs);
    if (i === RUNS - 1) {
      const times = [];
      let bytes = 0;
      let models = 0;
      for (let r = 0; r < REQUESTS + 50; r++) {
        const t = performance.now();
        const response = await request(`${url}/v1/ai/models`);
        const body = await response.body.text();
        if (r >= 50) times.push(performance.now() - t);
        bytes = body.length;
        if (r === 0) models = JSON.parse(body).models.length;
      }
      times.sort((a, b) => a - b);
      listing = { p50: percentile(times, 50), p99: percentile(times, 99), bytes, models };
    }
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
startups.sort((a, b) => a - b);
cpus.sort((a, b) => a - b);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const line = (label, value) => `| ${label} | ${value} |`;
console.log(
  `# Catalogue benchmark\n\nSource: ${source ?? 'generated'}; ${Object.keys(catalog).length} providers, ${total} models, ${YAML ? 'as YAML registry entries' : 'imported into SQLite'} (the listing holds ${listing.models}).\n`,
);
console.log('| measure | value |\n| --- | --- |');
if (importMs !== undefined)
  console.log(line('`switchboard catalog import` (process start to exit)', `${importMs.toFixed(0)} ms`));
console.log(
  line(
    `startup (spawn to the first /readyz 200), median of ${RUNS}`,
    `${percentile(startups, 50).toFixed(0)} ms (min ${startups[0].toFixed(0)}, max ${startups.at(-1).toFixed(0)})`,
  ),
);
console.log(
  line(`spawn to the listening log line, median of ${RUNS}`, `${median(listenings).toFixed(0)} ms`),
);
if (cpus.length)
  console.log(line(`startup CPU time (user + system), median of ${RUNS}`, `${median(cpus).toFixed(0)} ms`));
if (bare.length) {
  console.log(
    line(
      `startup with no catalogue imported (same config), median of ${RUNS}`,
      `${median(bare.map((run) => run.startupMs)).toFixed(0)} ms wall, ${median(bare.map((run) => run.cpuMs ?? 0)).toFixed(0)} ms CPU`,
    ),
  );
}
console.log(
  line(
    `GET /v1/ai/models p50 / p99 (${REQUESTS} sequential)`,
    `${listing.p50.toFixed(2)} ms / ${listing.p99.toFixed(2)} ms (${(listing.bytes / 1024 / 1024).toFixed(1)} MB)`,
  ),
);
