import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeE2eConfig } from './support/e2e-config.js';
import { startCliServer } from './support/start-cli-server.js';
import { startTestGateway, type TestGateway } from './support/start-test-gateway.js';

/** The smaller findings of the security review, one test each. */

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());
const chat = { messages: [{ role: 'user', content: 'hello' }] };

describe('path parameters', () => {
  it('a user ID of 101-128 characters is served; longer ones get our error shape, never the router’s', async () => {
    for (const length of [101, 128]) {
      const res = await gw.app.inject({ url: `/api/users/${'a'.repeat(length)}/model-preferences` });
      expect(res.statusCode, String(length)).toBe(200);
    }
    const tooLong = await gw.app.inject({ url: `/api/users/${'a'.repeat(129)}/model-preferences` });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.code).toBe('invalid_request');
    const absurd = await gw.app.inject({ url: `/api/users/${'a'.repeat(2000)}/model-preferences` });
    expect(absurd.statusCode).toBe(414);
    expect(absurd.json()).toMatchObject({ error: { code: 'invalid_request', details: {} } });
  });
});

describe('secrets in a URL', () => {
  it('a token in the query of a non-WebSocket path, and Google’s ?key=, never reach a log line', async () => {
    const own = await startTestGateway();
    const token = 'sb-token-in-the-url-0123456789';
    const key = 'AIza-client-key-in-the-url-0123456789';
    for (const path of [
      `/v1/models?token=${token}&x=1`,
      `/api/ai/google/models?key=${key}`,
      `/api/ai/google/models?KEY=${key}`,
    ]) {
      await (await fetch(`${own.url}${path}`)).text();
    }
    const log = own.logs.join('\n');
    expect(log).toContain('/v1/models?token=[redacted]&x=1');
    expect(log).toContain('/api/ai/google/models?key=[redacted]');
    expect(log).not.toContain(token);
    expect(log).not.toContain(key);
    await own.close();
  });
});

describe('task-endpoint 429s', () => {
  it('carry the provider’s Retry-After', async () => {
    gw.mock.setFault({ mode: 'rate_limit', retryAfter: 7, times: 1 });
    const res = await fetch(`${gw.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...chat, model: 'anthropic:claude-haiku-4-5-20251001' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });
});

describe('a client that goes away', () => {
  it('is logged as such and recorded as aborted, not as the provider being unreachable', async () => {
    gw.mock.setFault({ mode: 'hang', times: 1, path: 'chat/completions' });
    const controller = new AbortController();
    const pending = fetch(`${gw.url}/v1/ai/chat/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'gone-away-1' },
      body: JSON.stringify(chat),
      signal: controller.signal,
    }).catch(() => undefined);
    await gw.mock.waitFor((request) => request.path.includes('chat/completions'));
    controller.abort();
    await pending;
    // The upstream call was cancelled with it.
    await gw.mock.waitForAbort((event) => event.path.includes('chat/completions'));
    const line = async () => gw.logs.find((l) => l.includes('gone-away-1') && l.includes('client closed'));
    for (let tries = 0; !(await line()) && tries < 100; tries++) await new Promise((r) => setTimeout(r, 20));
    const lines = gw.logs.filter((l) => l.includes('gone-away-1'));
    expect(lines.some((l) => l.includes('client closed the request'))).toBe(true);
    expect(lines.join('\n')).not.toContain('upstream_unreachable');
    await gw.app.store.usage.flush();
    const events = await gw.app.store.db
      .selectFrom('usage_events')
      .select(['status'])
      .where('request_id', '=', 'gone-away-1')
      .execute();
    expect(events).toEqual([{ status: 'aborted' }]);
  });
});

describe('a full disk', () => {
  it('answers 503 storage_full with the cause, and logs the cause, not "cannot rollback"', async () => {
    const full = await startTestGateway({ mock: gw.mock });
    try {
      const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(full.app.store.db);
      await sql.raw(`PRAGMA max_page_count = ${rows[0]?.page_count ?? 1}`).execute(full.app.store.db);
      let res: Awaited<ReturnType<typeof full.app.inject>> | undefined;
      for (let user = 0; user < 500; user++) {
        res = await full.app.inject({
          method: 'PUT',
          url: `/api/users/user-${user}-${'x'.repeat(100)}/model-preferences`,
          payload: { tasks: { chat: { id: 'openai:gpt-4o-mini' }, sql: { id: 'ollama:sqlcoder:7b' } } },
        });
        if (res.statusCode !== 200) break;
      }
      expect(res?.statusCode).toBe(503);
      expect(res?.json().error.code).toBe('storage_full');
      expect(res?.json().error.message).toContain('database or disk is full');
      const log = full.logs.join('\n');
      expect(log).toContain('database or disk is full');
      expect(log).not.toContain('cannot rollback');
    } finally {
      // Room again, so closing can write what it holds (the disk came back).
      await sql.raw('PRAGMA max_page_count = 1073741823').execute(full.app.store.db);
      await full.close();
    }
  });
});

describe("--host '[::1]'", () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'switchboard-ipv6-'));
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  it('listens on the IPv6 loopback and answers there', async () => {
    const configFile = await writeE2eConfig(folder, { storageUrl: 'sqlite::memory:', auth: 'local' });
    const server = await startCliServer({ configFile, args: ['--host', '[::1]', '--port', '0'] });
    try {
      expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
