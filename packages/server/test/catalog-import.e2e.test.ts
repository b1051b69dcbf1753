import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { computeCost } from '@switchboard/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MockProviders, startMockProviders } from '../src/mock-providers/index.js';
import { runCli } from './run-cli.js';
import { createE2eStorage, describeEachStorage, type E2eStorage } from './support/e2e-storage.js';
import { waitUntil, writeModelsDevFile } from './support/models-dev-file.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './support/start-test-gateway.js';

interface RecordedCall {
  request_id: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
}

// Two gateways on one database, and the CLI (another process) importing into it: on PostgreSQL the
// gateways hear of the import through NOTIFY; on SQLite they see its version move on their poll.
describeEachStorage('catalogue import, picked up without a restart', (dialect) => {
  let storage: E2eStorage;
  let mock: MockProviders;
  let gateways: TestGateway[] = [];
  let cliConfig: string;

  beforeAll(async () => {
    storage = await createE2eStorage(dialect);
    mock = await startMockProviders({ apiKeys: UPSTREAM_KEYS });
    const config = () => ({ catalog: { providers: { compat: 'openrouter' } } });
    gateways = [
      await startTestGateway({ mock, storageUrl: storage.url, config }),
      await startTestGateway({ mock, storageUrl: storage.url, config }),
    ];
    cliConfig = join(storage.folder, 'cli.yaml');
    await writeFile(
      cliConfig,
      `version: 2\nstorage: { url: ${JSON.stringify(storage.url)} }\nmodels:\n  openai: { api_key: sk-cli }\n  compat: { kind: openai-compatible, endpoint: "http://127.0.0.1:1/v1" }\ncatalog: { providers: { compat: openrouter } }\n`,
    );
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await mock?.close();
    await storage?.dispose();
  });

  const listedCost = async (gateway: TestGateway, id: string) => {
    const body = (await (await fetch(`${gateway.url}/v1/ai/models`)).json()) as {
      models: Array<{ id: string; cost: { input: number; output: number } | null }>;
    };
    return body.models.find((model) => model.id === id)?.cost;
  };

  /** One chat call of `words` words on `gateway`, answered as the usage it recorded. */
  const call = async (gateway: TestGateway, model: string, words = 3): Promise<RecordedCall> => {
    const requestId = randomUUID();
    const prompt = Array.from({ length: words }, (_, i) => `w${i}`).join(' ');
    const response = await fetch(`${gateway.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const calls = (await (await fetch(`${gateway.url}/v1/usage/calls?limit=50`)).json()) as {
      calls: RecordedCall[];
    };
    const recorded = calls.calls.find((row) => row.request_id === requestId);
    if (!recorded) throw new Error(`call ${requestId} was not recorded`);
    return recorded;
  };

  const importFile = async (name: string, options: Parameters<typeof writeModelsDevFile>[2]) => {
    const file = await writeModelsDevFile(storage.folder, name, options);
    return runCli(['--config', cliConfig, 'catalog', 'import', file]);
  };

  it('prices calls at the built-in table before any import', async () => {
    for (const gateway of gateways) {
      const recorded = await call(gateway, 'openai:gpt-4o-mini');
      expect(recorded.cost_usd).toBeCloseTo(
        computeCost(
          { input: 0.15, output: 0.6 },
          { inputTokens: recorded.input_tokens, outputTokens: recorded.output_tokens },
        )!,
        12,
      );
    }
  });

  it('an import by another process changes the price of the next call on every instance', async () => {
    const imported = await importFile('api-v1.json', { scale: 2 });
    expect(imported.stderr).toBe(`Reading ${join(storage.folder, 'api-v1.json')} ...\n`);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^Imported 3 providers and 7 models from .*api-v1\.json \(catalogue version 1\)\./,
    );
    expect(imported.stdout).toMatch(/7 models added, 0 models removed, 0 prices changed\./);
    for (const gateway of gateways) {
      await waitUntil('the gateway lists the imported price', async () => {
        return (await listedCost(gateway, 'openai:gpt-4o-mini'))?.input === 0.3;
      });
      const recorded = await call(gateway, 'openai:gpt-4o-mini');
      expect(recorded.cost_usd).toBeCloseTo(
        computeCost(
          { input: 0.3, output: 1.2 },
          { inputTokens: recorded.input_tokens, outputTokens: recorded.output_tokens },
        )!,
        12,
      );
      // A model only the catalogue knows, through the mapping: listed and priced.
      expect(await listedCost(gateway, 'compat:acme/chat-2')).toEqual({ input: 4, output: 8 });
    }
  });

  it('prices a call past the long-context threshold at the tier', async () => {
    // The test catalogue puts gpt-4o-mini's tier above 200 input tokens (x2: $20 / $40 per 1M).
    const short = await call(gateways[0]!, 'openai:gpt-4o-mini', 150);
    const long = await call(gateways[1]!, 'openai:gpt-4o-mini', 250);
    expect(short.input_tokens).toBeLessThanOrEqual(200);
    expect(long.input_tokens).toBeGreaterThan(200);
    expect(short.cost_usd).toBeCloseTo((short.input_tokens * 0.3 + short.output_tokens * 1.2) / 1e6, 12);
    expect(long.cost_usd).toBeCloseTo((long.input_tokens * 20 + long.output_tokens * 40) / 1e6, 12);
  });

  it('shows an unpriced call in the unpriced list, the metric and the CLI, until an import prices it', async () => {
    const recorded = await call(gateways[0]!, 'compat:acme/unpriced');
    expect(recorded.cost_usd).toBeNull();
    const unpriced = await (await fetch(`${gateways[1]!.url}/v1/usage/unpriced`)).json();
    expect(unpriced.models).toEqual([
      { model: 'compat:acme/unpriced', calls: 1, last_call_at: expect.any(String), registered: true },
    ]);
    const metrics = await (await fetch(`${gateways[0]!.url}/metrics`)).text();
    expect(metrics).toContain('switchboard_unpriced_calls_total{model="compat:acme/unpriced"} 1');
    expect(metrics).not.toMatch(/switchboard_unpriced_calls_total\{model="openai:gpt-4o-mini"\}/);

    const cli = await runCli(['--config', cliConfig, 'catalog', 'unpriced', '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual([
      { modelId: 'compat:acme/unpriced', calls: 1, lastCallAt: expect.any(String) },
    ]);

    const priced = await importFile('api-v2.json', { scale: 2, priceTheUnpriced: true });
    expect(priced.code).toBe(0);
    expect(priced.stdout).toMatch(/0 models added, 0 models removed, 1 price changed\./);
    await waitUntil('the unpriced model has a price', async () => {
      const body = await (await fetch(`${gateways[1]!.url}/v1/usage/unpriced`)).json();
      return body.models.length === 0;
    });
    expect((await runCli(['--config', cliConfig, 'catalog', 'unpriced'])).stdout).toBe(
      'Every model that served a call has a price.\n',
    );
  });

  it('refuses a bad file with the path of the problem, and keeps the stored catalogue', async () => {
    const bad = join(storage.folder, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ openai: { models: { 'gpt-4o-mini': { cost: { input: 'x', output: 1 } } } } }),
    );
    const refused = await runCli(['--config', cliConfig, 'catalog', 'import', bad]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/bad\.json is not a models\.dev catalogue/);
    expect(refused.stderr).toMatch(
      /openai\.models\.gpt-4o-mini\.cost\.input: expected number, received string/,
    );
    const notJson = join(storage.folder, 'not.json');
    await writeFile(notJson, '{ "openai": ');
    const broken = await runCli(['--config', cliConfig, 'catalog', 'import', notJson]);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/not\.json is not a models\.dev catalogue[\s\S]*not JSON/);
    const missing = await runCli([
      '--config',
      cliConfig,
      'catalog',
      'import',
      join(storage.folder, 'nope.json'),
    ]);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
    // Still the last good import, on both instances.
    for (const gateway of gateways) {
      expect(await listedCost(gateway, 'compat:acme/unpriced')).toEqual({ input: 8, output: 16 });
    }
  });
});
