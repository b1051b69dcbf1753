import type { FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { buildApp } from '../../src/app/build-app.js';
import { parseConfigText } from '../../src/config/load-config.js';
import { createGatewayLogger } from '../../src/logging/create-gateway-logger.js';
import { type MockProviders, startMockProviders } from '../../src/mock-providers/index.js';
import { createKeyRedactor } from '../../src/security/key-redactor.js';
import { createStore } from '../../src/store/create-store.js';

/** The keys the gateway holds for each mock upstream; clients never see them. */
export const UPSTREAM_KEYS = {
  openai: 'sk-upstream-openai-0123456789',
  anthropic: 'sk-ant-upstream-0123456789',
  google: 'goog-upstream-0123456789',
  xai: 'xai-upstream-0123456789',
  compat: 'compat-upstream-0123456789',
} as const;

export interface TestGateway {
  url: string;
  app: FastifyInstance;
  mock: MockProviders;
  /** Every line the gateway logged, for scanning (no key may appear in one). */
  logs: string[];
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Extra top-level config merged over the default one (e.g. `tasks`, `auth`). */
  config?: (mockUrl: (kind: string) => string) => Record<string, unknown>;
  mock?: MockProviders;
  /** The store's URL; default an in-memory SQLite database. Two gateways on one PostgreSQL URL are two instances. */
  storageUrl?: string;
  /** The limits' clock (see `BuildAppOptions.now`). */
  now?: () => number;
  /** Probe (and discover) providers in the background, as the server does. Default false. */
  probeProviders?: boolean;
  /** The environment `${VAR}` references in the config read. Default empty. */
  env?: Record<string, string>;
  /**
   * The secret runtime and user keys are encrypted with (`SWITCHBOARD_SECRET_KEY`); default
   * `TEST_SECRET_KEY`, so two gateways on one database read each other's keys. `null`: none.
   */
  secretKey?: string | null;
}

/** The default `SWITCHBOARD_SECRET_KEY` of test gateways (32+ characters). */
export const TEST_SECRET_KEY = 'test-secret-key-of-at-least-32-characters';

/** A provider of every kind pointed at the mock upstream, plus one provider that has no key. */
export function testConfig(base: (kind: string) => string): Record<string, unknown> {
  return {
    version: 2,
    models: {
      defaults: {
        chat: 'openai:gpt-4o-mini',
        sql: 'ollama:sqlcoder:7b',
        embeddings: 'openai:text-embedding-3-small',
      },
      openai: { endpoint: base('openai'), api_key: UPSTREAM_KEYS.openai },
      anthropic: { endpoint: base('anthropic'), api_key: UPSTREAM_KEYS.anthropic },
      google: { endpoint: base('google'), api_key: UPSTREAM_KEYS.google },
      xai: { endpoint: base('xai'), api_key: UPSTREAM_KEYS.xai },
      ollama: {
        host: base('ollama'),
        registry: { 'llama3:latest': { capabilities: ['chat'] }, 'sqlcoder:7b': { capabilities: ['sql'] } },
      },
      compat: {
        kind: 'openai-compatible',
        endpoint: base('compat'),
        api_key: UPSTREAM_KEYS.compat,
        registry: { 'acme/chat-1': { capabilities: ['chat'], cost: { input: 1, output: 2 } } },
      },
      nokey: { kind: 'openai', endpoint: base('openai') },
    },
  };
}

/** Starts the mock upstream and the gateway (SQLite in memory) on loopback ports. */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const mock = options.mock ?? (await startMockProviders({ apiKeys: UPSTREAM_KEYS }));
  const base = (kind: string) => mock.baseUrl(kind as 'openai');
  const raw = { ...testConfig(base), ...(options.config?.(base) ?? {}) };
  const config = {
    ...parseConfigText(stringify(raw), { file: 'test.yaml', env: options.env ?? {} }),
    file: 'test.yaml',
    source: 'flag' as const,
  };
  const store = await createStore(options.storageUrl ?? 'sqlite::memory:');
  const logs: string[] = [];
  // The server's own logger (the same scrubbing of keys), at debug level, writing into `logs`.
  const keyRedactor = createKeyRedactor();
  const logger = createGatewayLogger({
    level: 'debug',
    redactor: keyRedactor,
    destination: { write: (line: string) => logs.push(line) },
  });
  const app = await buildApp({
    config,
    store,
    loggerInstance: logger,
    keyRedactor,
    probeProviders: options.probeProviders ?? false,
    now: options.now,
    secretKey:
      options.secretKey === null
        ? undefined
        : { secret: options.secretKey ?? TEST_SECRET_KEY, source: { kind: 'env' } },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    mock,
    logs,
    async close() {
      await app.close();
      if (!options.mock) await mock.close();
    },
  };
}
