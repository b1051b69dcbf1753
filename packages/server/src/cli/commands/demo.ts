import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startMockProviders } from '../../mock-providers/index.js';
import { startServer } from '../../server.js';
import type { CliIo } from '../cli-io.js';

/** The keys the demo's gateway holds for the mock upstream (the mock checks them, as the real APIs would). */
const DEMO_KEYS = {
  openai: 'sk-demo-openai',
  anthropic: 'sk-ant-demo',
  google: 'demo-google',
  xai: 'xai-demo',
  compat: 'demo-compat',
} as const;

export interface DemoOptions {
  port?: string | undefined;
  mockPort?: string | undefined;
}

/** A config with a provider of every kind, all pointed at the mock upstream. */
export function demoConfig(
  base: (kind: 'openai' | 'anthropic' | 'google' | 'xai' | 'ollama' | 'compat') => string,
  dataDir: string,
) {
  return {
    version: 2,
    server: { host: '127.0.0.1', port: 8787 },
    storage: { url: `sqlite:${join(dataDir, 'switchboard.db')}` },
    auth: { mode: 'local' },
    models: {
      defaults: {
        chat: 'anthropic:claude-sonnet-4-5-20250929',
        sql: 'ollama:sqlcoder:7b',
        embeddings: 'openai:text-embedding-3-small',
      },
      openai: {
        endpoint: base('openai'),
        api_key: DEMO_KEYS.openai,
        registry: { 'gpt-4o-mini': { capabilities: ['chat'] } },
      },
      anthropic: { endpoint: base('anthropic'), api_key: DEMO_KEYS.anthropic },
      google: { endpoint: base('google'), api_key: DEMO_KEYS.google },
      xai: { endpoint: base('xai'), api_key: DEMO_KEYS.xai },
      ollama: {
        host: base('ollama'),
        discover: true,
        registry: { 'llama3:latest': { capabilities: ['chat'] }, 'sqlcoder:7b': { capabilities: ['sql'] } },
      },
      openrouter: {
        kind: 'openai-compatible',
        endpoint: base('compat'),
        api_key: DEMO_KEYS.compat,
        registry: {
          'anthropic/claude-sonnet-4.5': { capabilities: ['chat'], cost: { input: 3, output: 15 } },
        },
      },
    },
    tasks: {
      prd_generation: { default: 'openai:gpt-4o-mini', fallbacks: ['anthropic:claude-haiku-4-5-20251001'] },
    },
  };
}

/**
 * `switchboard demo`: the mock providers and a gateway configured against them, so everything (pages,
 * proxy, task endpoints, SDK clients) can be tried with no keys. Data lives in a temp folder.
 */
export async function demo(options: DemoOptions, io: CliIo): Promise<number> {
  const mock = await startMockProviders({
    port: options.mockPort ? Number(options.mockPort) : 0,
    apiKeys: DEMO_KEYS,
    // A demo may run for days: keep only the latest requests (GET /_mock/requests shows them).
    recordLimit: 1_000,
  });
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-demo-'));
  const file = join(dir, 'switchboard.demo.yaml');
  await writeFile(
    file,
    `# Written by "switchboard demo": every provider points at the mock upstream.\n${stringify(demoConfig((kind) => mock.baseUrl(kind), dir))}`,
  );
  const server = await startServer({
    configFile: file,
    port: options.port ? Number(options.port) : undefined,
  });
  io.err(
    `\nSwitchboard demo: ${server.url}\n  mock providers: ${mock.url} (faults: POST ${mock.url}/_mock/faults)\n  config: ${file}\n  try: curl -s ${server.url}/v1/ai/chat/completion -H 'content-type: application/json' -d '{"messages":[{"role":"user","content":"hello"}]}'\n\n`,
  );
  await server.closed;
  await mock.close();
  return 0;
}
