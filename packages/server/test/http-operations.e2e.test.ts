import { once } from 'node:events';
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import { E2E_OPENAI_KEY } from './support/e2e-config.js';
import { useE2eSetup } from './support/e2e-setup.js';
import { checkSqliteIntegrity, countRows, describeEachStorage } from './support/e2e-storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every route of the HTTP API this suite covers, as OpenAPI names them. */
const DOCUMENTED_ROUTES: Record<string, string[]> = {
  '/v1/ai/models': ['get'],
  '/v1/ai/models/status': ['get'],
  '/v1/ai/models/primary': ['post', 'delete'],
  '/v1/ai/resolve': ['get'],
  '/api/users/{user_id}/model-preferences': ['get', 'put'],
  '/api/users/{user_id}/model-preferences/{task}': ['put', 'delete'],
  '/healthz': ['get'],
  '/readyz': ['get'],
  '/metrics': ['get'],
};

describeEachStorage('operations: health, readiness, metrics, OpenAPI, request IDs', (dialect) => {
  const setup = useE2eSetup({ dialect, auth: 'local' });

  it('answers /healthz and /readyz', async () => {
    expect((await setup.request('/healthz')).json).toEqual({ status: 'ok' });
    const ready = await setup.request('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready', storage: dialect });
  });

  it('counts requests in /metrics by route template and status, and never shows a key', async () => {
    await setup.request('/v1/ai/models');
    await setup.request('/api/users/metrics-user/model-preferences');
    await setup.request('/v1/ai/resolve?task=nope');
    const metrics = await setup.request('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('# TYPE switchboard_http_requests_total counter');
    expect(metrics.text).toMatch(
      /switchboard_http_requests_total\{method="GET",route="\/v1\/ai\/models",status="200"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /switchboard_http_requests_total\{method="GET",route="\/api\/users\/:user_id\/model-preferences",status="200"\} [1-9]/,
    );
    expect(metrics.text).toMatch(
      /switchboard_http_requests_total\{method="GET",route="\/v1\/ai\/resolve",status="400"\} [1-9]/,
    );
    expect(metrics.text).not.toContain('metrics-user');
    expect(metrics.text).not.toContain(E2E_OPENAI_KEY);
  });

  it('lists every route in /openapi.json, with the request body schemas the server validates', async () => {
    const response = await setup.request('/openapi.json');
    expect(response.status).toBe(200);
    const document = response.json;
    expect(document.openapi).toBe('3.1.0');
    for (const [path, methods] of Object.entries(DOCUMENTED_ROUTES)) {
      expect(Object.keys(document.paths[path] ?? {}), path).toEqual(expect.arrayContaining(methods));
    }
    const putAll = document.paths['/api/users/{user_id}/model-preferences'].put;
    const schema = putAll.requestBody.content['application/json'].schema;
    expect(schema).toMatchObject({ type: 'object', required: ['tasks'], additionalProperties: false });
    const primary =
      document.paths['/v1/ai/models/primary'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(primary.properties).sort()).toEqual(['capability', 'model', 'task']);
  });

  it('echoes a well-formed x-request-id, generates one otherwise, and logs each request under it', async () => {
    const traced = await setup.request('/v1/ai/resolve?task=chat', {
      headers: { 'x-request-id': 'e2e-trace.42' },
    });
    expect(traced.headers.get('x-request-id')).toBe('e2e-trace.42');
    const completed = await setup.server.waitForLog(
      (record) => record.reqId === 'e2e-trace.42' && record.msg === 'request completed',
    );
    expect(completed.res).toMatchObject({ statusCode: 200 });
    const incoming = await setup.server.waitForLog(
      (record) => record.reqId === 'e2e-trace.42' && record.msg === 'incoming request',
    );
    expect(incoming.req).toMatchObject({ method: 'GET', url: '/v1/ai/resolve?task=chat' });

    const refused = await setup.request('/v1/ai/resolve?task=nope', {
      headers: { 'x-request-id': 'e2e-refused-1' },
    });
    expect(refused.headers.get('x-request-id')).toBe('e2e-refused-1');
    await expect(
      setup.server.waitForLog(
        (record) => record.reqId === 'e2e-refused-1' && record.msg === 'request refused',
      ),
    ).resolves.toMatchObject({ code: 'unknown_task', status: 400 });

    const generated = await setup.request('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(UUID);
    const replaced = await setup.request('/healthz', {
      headers: { 'x-request-id': 'has spaces & "quotes"' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
  });
});

describeEachStorage('graceful shutdown', (dialect) => {
  const setup = useE2eSetup({ dialect, auth: 'local' });

  it('on SIGTERM finishes a request already in flight, then exits 0 with the database intact', async () => {
    const { hostname, port } = new URL(setup.url);
    const body = JSON.stringify({ id: 'ollama:llama3:latest' });
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = once(socket, 'end');

    // Headers and half the body: the request is in flight until the rest arrives.
    socket.write(
      [
        'PUT /api/users/in-flight/model-preferences/chat HTTP/1.1',
        `Host: ${hostname}:${port}`,
        'content-type: application/json',
        `content-length: ${Buffer.byteLength(body)}`,
        'x-request-id: e2e-in-flight',
        'connection: close',
        '',
        body.slice(0, 8),
      ].join('\r\n'),
    );
    await setup.server.waitForLog(
      (record) => record.reqId === 'e2e-in-flight' && record.msg === 'incoming request',
    );

    setup.server.child.kill('SIGTERM');
    await setup.server.waitForLog((record) => record.signal === 'SIGTERM');
    socket.write(body.slice(8));
    await ended;

    const answer = Buffer.concat(chunks).toString('utf8');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(answer).toMatch(/\r\netag: "1"\r\n/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).tasks.chat).toMatchObject({
      id: 'ollama:llama3:latest',
      source: 'preference',
    });
    expect(await setup.server.exited).toBe(0);

    if (dialect === 'sqlite') expect(checkSqliteIntegrity(setup.storage.url)).toBe('ok');
    expect(await countRows(setup.storage.url, 'model_preferences', 'user_id', 'in-flight')).toBe(1);
  });
});
