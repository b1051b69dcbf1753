// Startup time and GET /v1/ai/models latency with a 5,000-model registry (DESIGN.md: startup under 1 s,
// the listing under 10 ms). Measures and prints; asserts nothing.
//
//   npm run bench:catalog                          # 5,000 synthetic models over 50 providers
//   npm run bench:catalog -- path/to/api.json      # a models.dev api.json: every provider with an OpenAI-compatible
//                                                  # endpoint becomes a provider, every model a registry entry
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { stringify } from 'yaml';

const CLI = fileURLToPath(new URL('../packages/server/dist/bin.js', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTS ?? 5);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);

/** A models.dev `api.json` as Switchboard providers: `<provider>: { kind: openai-compatible, registry }`. */
function fromModelsDev(file) {
  const catalog = JSON.parse(readFileSync(file, 'utf8'));
  const models = {};
  for (const [id, provider] of Object.entries(catalog)) {
    const name = id
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, '-')
      .replace(/^[^a-z]+/, '');
    if (!name || !provider.models) continue;
    const registry = {};
    for (const [modelId, model] of Object.entries(provider.models)) {
      registry[modelId] = {
        capabilities: [model.modalities?.output?.includes('text') === false ? 'embeddings' : 'chat'],
        ...(model.limit?.context ? { context_window: model.limit.context } : {}),
        ...(model.limit?.output ? { max_output_tokens: model.limit.output } : {}),
        ...(model.cost?.input !== undefined && model.cost?.output !== undefined
          ? { cost: { input: model.cost.input, output: model.cost.output } }
          : {}),
        features: [
          model.tool_call && 'tools',
          model.reasoning && 'reasoning',
          model.attachment && 'vision',
        ].filter(Boolean),
      };
    }
    models[name] = { kind: 'openai-compatible', endpoint: provider.api ?? 'http://127.0.0.1:9/v1', registry };
  }
  return models;
}

/** 50 providers of 100 models each, shaped like models.dev entries. */
function synthetic() {
  const models = {};
  for (let p = 0; p < 50; p++) {
    const registry = {};
    for (let m = 0; m < 100; m++) {
      registry[`family-${p}/model-${m}:latest`] = {
        capabilities: [m % 10 === 0 ? 'embeddings' : 'chat'],
        context_window: 8_192 * (1 + (m % 16)),
        max_output_tokens: 4_096,
        cost: { input: (m % 7) / 4, output: (m % 11) / 2 },
        features: ['tools', ...(m % 3 ? ['vision'] : [])],
      };
    }
    models[`provider-${p}`] = { kind: 'openai-compatible', endpoint: 'http://127.0.0.1:9/v1', registry };
  }
  return models;
}

function startServer(config) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'serve', '--config', config, '--port', '0'], {
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /"url":"(http:[^"]+)"/.exec(buffered);
      if (match) resolve({ child, url: match[1], startupMs: performance.now() - started });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const source = process.argv[2];
const providers = source ? fromModelsDev(source) : synthetic();
const dir = mkdtempSync(join(tmpdir(), 'switchboard-catalog-bench-'));
const config = join(dir, 'switchboard.yaml');
writeFileSync(
  config,
  stringify({ version: 2, storage: { url: `sqlite:${join(dir, 'sb.db')}` }, models: { ...providers } }),
);
const total = Object.values(providers).reduce(
  (sum, provider) => sum + Object.keys(provider.registry).length,
  0,
);

const startups = [];
let listing;
try {
  for (let run = 0; run < RUNS; run++) {
    const { child, url, startupMs } = await startServer(config);
    startups.push(startupMs);
    if (run === RUNS - 1) {
      const times = [];
      let bytes = 0;
      let models = 0;
      for (let i = 0; i < REQUESTS + 50; i++) {
        const t = performance.now();
        const response = await request(`${url}/v1/ai/models`);
        const body = await response.body.text();
        if (i >= 50) times.push(performance.now() - t);
        bytes = body.length;
        if (i === 0) models = JSON.parse(body).models.length;
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
const line = (label, value) => `| ${label} | ${value} |`;
console.log(
  `# Catalogue benchmark\n\nSource: ${source ?? 'synthetic'}; ${Object.keys(providers).length} providers, ${total} registered models (listing holds ${listing.models} with the built-in catalogue).\n`,
);
console.log('| measure | value |\n| --- | --- |');
console.log(
  line(
    `startup (spawn to listening), median of ${RUNS}`,
    `${percentile(startups, 50).toFixed(0)} ms (min ${startups[0].toFixed(0)}, max ${startups.at(-1).toFixed(0)})`,
  ),
);
console.log(
  line(
    `GET /v1/ai/models p50 / p99 (${REQUESTS} sequential)`,
    `${listing.p50.toFixed(2)} ms / ${listing.p99.toFixed(2)} ms (${(listing.bytes / 1024 / 1024).toFixed(1)} MB)`,
  ),
);
