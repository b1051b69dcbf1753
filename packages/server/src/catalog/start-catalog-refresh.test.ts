import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelsDevSample } from '../../../core/src/catalog/test-fixtures/models-dev-sample.js';
import { createStore, type Store } from '../store/create-store.js';
import { startCatalogRefresh } from './start-catalog-refresh.js';

type Line = { level: 'info' | 'warn'; fields: Record<string, unknown>; message: string };

describe('startCatalogRefresh', () => {
  let dir: string;
  let store: Store;
  let server: Server;
  let url: string;
  let lines: Line[];
  const log = {
    info: (fields: object, message: string) =>
      lines.push({ level: 'info', fields: fields as never, message }),
    warn: (fields: object, message: string) =>
      lines.push({ level: 'warn', fields: fields as never, message }),
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-catalog-refresh-'));
    await writeFile(join(dir, 'api.json'), JSON.stringify(createModelsDevSample()));
    const body = JSON.stringify(createModelsDevSample({ scale: 2 }));
    server = createServer((request, response) => {
      if (request.url === '/api.json')
        response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      else response.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    lines = [];
    store = await createStore('sqlite::memory:');
    return () => store.close();
  });

  it('refreshes a missing catalogue soon after startup from a file relative to the config', async () => {
    const refresh = startCatalogRefresh({
      store,
      source: 'api.json',
      cwd: dir,
      intervalMs: 3_600_000,
      firstDelayMs: 0,
      log,
    });
    try {
      const deadline = Date.now() + 5_000;
      while ((await store.catalog.version()) === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await store.catalog.latestImport()).toMatchObject({ version: 1, source: 'api.json', models: 7 });
      expect(lines).toEqual([expect.objectContaining({ level: 'info', message: 'catalogue refreshed' })]);
    } finally {
      refresh.close();
    }
  });

  it('reads a URL', async () => {
    const refresh = startCatalogRefresh({ store, source: `${url}/api.json`, intervalMs: 3_600_000, log });
    try {
      await refresh.refresh();
      const models = await store.catalog.listModels();
      expect(models.find((model) => model.name === 'gpt-4o-mini')?.facts.cost?.input).toBe(0.3);
    } finally {
      refresh.close();
    }
  });

  it('logs a failure and keeps what is stored: no network, a 404, a broken file', async () => {
    const good = startCatalogRefresh({ store, source: 'api.json', cwd: dir, intervalMs: 3_600_000, log });
    await good.refresh();
    good.close();
    await writeFile(join(dir, 'broken.json'), '{"openai": {"models": {"x": {"cost": {"input": "free"}}}}}');
    for (const source of ['http://127.0.0.1:1/api.json', `${url}/missing.json`, join(dir, 'broken.json')]) {
      const refresh = startCatalogRefresh({ store, source, intervalMs: 3_600_000, log });
      await expect(refresh.refresh()).resolves.toBeUndefined();
      refresh.close();
    }
    const warnings = lines.filter((line) => line.level === 'warn');
    expect(warnings.map((line) => line.message)).toEqual(
      Array(3).fill('catalogue refresh failed; the stored catalogue stays in force'),
    );
    expect(String((warnings[1]!.fields.err as Error).message)).toMatch(/HTTP 404/);
    expect(String((warnings[2]!.fields.err as Error).message)).toMatch(/openai\.models\.x\.cost\.input/);
    expect(await store.catalog.latestImport()).toMatchObject({ version: 1, source: 'api.json' });
  });
});
