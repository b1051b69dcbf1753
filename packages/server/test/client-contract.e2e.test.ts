import { createSwitchboardClient, type FetchFunction, type SwitchboardClient } from '@switchboard/client';
import {
  type ClearPrimaryBody,
  meResponseSchema,
  modelsResponseSchema,
  modelsStatusResponseSchema,
  type PreferenceChoice,
  type PutPreferencesBody,
  preferencesResponseSchema,
  primaryResponseSchema,
  type ResolveQuery,
  resolutionResponseSchema,
  type SetPrimaryBody,
  usageResponseSchema,
} from '@switchboard/core';
import { expect, expectTypeOf, it } from 'vitest';
import { describeEachSetup } from './support/e2e-setup.js';

/** One request the typed client sent and what the server answered. */
interface Exchange {
  method: string;
  path: string;
  requestBody: unknown;
  status: number;
  responseBody: any;
}

/** Each route: how to recognise it, its OpenAPI name, and the shared schema of its answer. */
const ROUTES = [
  { method: 'GET', pattern: /^\/v1\/ai\/models$/, openapi: '/v1/ai/models', schema: modelsResponseSchema },
  {
    method: 'GET',
    pattern: /^\/v1\/ai\/models\/status$/,
    openapi: '/v1/ai/models/status',
    schema: modelsStatusResponseSchema,
  },
  {
    method: 'POST',
    pattern: /^\/v1\/ai\/models\/primary$/,
    openapi: '/v1/ai/models/primary',
    schema: primaryResponseSchema,
  },
  {
    method: 'DELETE',
    pattern: /^\/v1\/ai\/models\/primary$/,
    openapi: '/v1/ai/models/primary',
    schema: primaryResponseSchema,
  },
  {
    method: 'GET',
    pattern: /^\/v1\/ai\/resolve$/,
    openapi: '/v1/ai/resolve',
    schema: resolutionResponseSchema,
  },
  { method: 'GET', pattern: /^\/v1\/me$/, openapi: '/v1/me', schema: meResponseSchema },
  { method: 'GET', pattern: /^\/v1\/usage$/, openapi: '/v1/usage', schema: usageResponseSchema },
  ...(['GET', 'PUT'] as const).map((method) => ({
    method,
    pattern: /^\/api\/users\/[^/]+\/model-preferences$/,
    openapi: '/api/users/{user_id}/model-preferences',
    schema: preferencesResponseSchema,
  })),
  ...(['PUT', 'DELETE'] as const).map((method) => ({
    method,
    pattern: /^\/api\/users\/[^/]+\/model-preferences\/[^/]+$/,
    openapi: '/api/users/{user_id}/model-preferences/{task}',
    schema: preferencesResponseSchema,
  })),
];

/** The client's parameter types are the core schemas' types: a renamed field fails to compile on both sides. */
function assertClientTypes() {
  expectTypeOf<Parameters<SwitchboardClient['setPrimary']>[0]>().toEqualTypeOf<SetPrimaryBody>();
  expectTypeOf<Parameters<SwitchboardClient['clearPrimary']>[0]>().toEqualTypeOf<ClearPrimaryBody>();
  expectTypeOf<Parameters<SwitchboardClient['resolve']>[0]>().toEqualTypeOf<ResolveQuery>();
  expectTypeOf<Parameters<SwitchboardClient['putPreferences']>[1]>().toEqualTypeOf<
    PutPreferencesBody['tasks']
  >();
  expectTypeOf<Parameters<SwitchboardClient['putPreference']>[2]>().toEqualTypeOf<PreferenceChoice>();
}

/** A fetch that passes everything through and keeps a copy of each exchange. */
function createRecordingFetch(exchanges: Exchange[]): FetchFunction {
  return async (url, init) => {
    const response = await fetch(url, init);
    const text = await response.clone().text();
    exchanges.push({
      method: init.method ?? 'GET',
      path: new URL(url).pathname,
      requestBody: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      status: response.status,
      responseBody: JSON.parse(text),
    });
    return response;
  };
}

/**
 * What is wrong with `value` under the OpenAPI (JSON Schema) document the server publishes: the subset its zod
 * schemas produce (object, properties, required, additionalProperties, anyOf, string). Independent of zod, so
 * the published document is held to the same bodies the client sends.
 */
function findSchemaProblems(value: unknown, schema: any, where: string): string[] {
  if (!schema) return [`${where}: no schema documented`];
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf.map((branch: unknown) => findSchemaProblems(value, branch, where));
    return branches.some((problems: string[]) => problems.length === 0)
      ? []
      : [
          `${where}: matches no documented alternative (${branches.map((problems: string[]) => problems.join(', ')).join(' | ')})`,
        ];
  }
  if (schema.type === 'string') return typeof value === 'string' ? [] : [`${where}: expected a string`];
  if (schema.type !== 'object') return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [`${where}: expected an object`];
  const problems: string[] = [];
  const properties: Record<string, unknown> = schema.properties ?? {};
  for (const key of schema.required ?? [])
    if (!(key in value)) problems.push(`${where}.${key}: required, missing`);
  for (const [key, item] of Object.entries(value)) {
    if (key in properties) problems.push(...findSchemaProblems(item, properties[key], `${where}.${key}`));
    else if (schema.additionalProperties === false) problems.push(`${where}.${key}: not documented`);
    else if (typeof schema.additionalProperties === 'object') {
      problems.push(...findSchemaProblems(item, schema.additionalProperties, `${where}.${key}`));
    }
  }
  return problems;
}

describeEachSetup('the typed client and the server agree on every body', (setup) => {
  it('drives every route through the client: every body accepted, every answer exactly the shared schema', async () => {
    assertClientTypes();
    const exchanges: Exchange[] = [];
    const client = createSwitchboardClient({
      baseURL: setup.url,
      token: setup.auth === 'token' ? setup.tokens.admin.secret : undefined,
      fetch: createRecordingFetch(exchanges),
    });
    const user = 'contract-user';

    const me = await client.getMe();
    expect(me).toEqual({
      user: setup.auth === 'token' ? 'root' : 'local',
      role: 'admin',
      auth_mode: setup.auth,
    });
    await client.getUsage({ group_by: 'task,model' });
    await client.listModels();
    await client.getModelsStatus();
    await client.setPrimary({ task: 'chat', model: 'ollama:llama3:latest' });
    await client.setPrimary({ capability: 'sql', model: 'ollama:sqlcoder:7b' });
    await client.resolve({ task: 'chat' });
    await client.resolve({ task: 'chat', model: 'local-llm:qwen2.5' });
    await client.resolve({ task: 'sql', user });
    await client.clearPrimary({ task: 'chat' });
    await client.clearPrimary({ capability: 'sql' });
    const read = await client.getPreferences(user);
    const bulk = await client.putPreferences(
      user,
      { chat: { id: 'ollama:llama3:latest' }, prd_generation: { provider: 'openai', model: 'gpt-4o-mini' } },
      { ifMatch: read.etag ?? undefined },
    );
    const one = await client.putPreference(
      user,
      'sql',
      { provider: 'ollama', model: 'sqlcoder:7b' },
      { ifMatch: bulk.etag ?? undefined },
    );
    const byId = await client.putPreference(
      user,
      'ir_build',
      { id: 'local-llm:qwen2.5' },
      { ifMatch: one.etag ?? undefined },
    );
    const reset = await client.resetPreference(user, 'chat', { ifMatch: byId.etag ?? undefined });
    await client.resolve({ task: 'ir_build', user });

    expect(reset.etag).toBe('"4"');
    expect(reset.preferences.tasks.ir_build).toMatchObject({ id: 'local-llm:qwen2.5', source: 'preference' });

    const openapi = (await setup.request('/openapi.json')).json;
    const covered = new Set<string>();
    for (const exchange of exchanges) {
      const where = `${exchange.method} ${exchange.path}`;
      expect(exchange.status, `${where}: ${JSON.stringify(exchange.responseBody)}`).toBe(200);
      const route = ROUTES.find(
        (candidate) => candidate.method === exchange.method && candidate.pattern.test(exchange.path),
      );
      if (!route) throw new Error(`${where} is not a route of the contract`);
      covered.add(`${route.method} ${route.openapi}`);

      // Field for field: nothing the schema does not know (it would be stripped), nothing it needs missing.
      expect(route.schema.parse(exchange.responseBody), `${where}: answer vs shared schema`).toEqual(
        exchange.responseBody,
      );

      const operation = openapi.paths[route.openapi]?.[route.method.toLowerCase()];
      expect(operation, `${where} in /openapi.json`).toBeDefined();
      if (exchange.requestBody !== undefined) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        expect(findSchemaProblems(exchange.requestBody, schema, 'body'), `${where} vs /openapi.json`).toEqual(
          [],
        );
      }
    }
    expect([...covered].sort()).toEqual(
      [...new Set(ROUTES.map((route) => `${route.method} ${route.openapi}`))].sort(),
    );
  });

  it('the server still refuses the shapes of the old bug, so a client that drifted would fail loudly', async () => {
    for (const body of [
      { tasks: { chat: { model_id: 'ollama:llama3:latest' } } },
      { Tasks: { chat: { id: 'ollama:llama3:latest' } } },
      { preferences: { chat: { providerName: 'ollama', modelName: 'llama3:latest' } } },
    ]) {
      const response = await setup.request('/api/users/contract-user/model-preferences', {
        method: 'PUT',
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.error.code).toBe('invalid_request');
    }
  });
});
