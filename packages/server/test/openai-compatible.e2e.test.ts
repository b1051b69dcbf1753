import OpenAI, { APIError, APIUserAbortError, RateLimitError } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, testConfig } from './support/start-test-gateway.js';

let gw: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  gw = await startTestGateway({
    config: (base) => {
      const models = (testConfig(base) as { models: Record<string, Record<string, unknown>> }).models;
      return {
        models: {
          ...models,
          // Embeddings models of a translated kind (Gemini) and of Ollama, so preferences can pick them.
          google: {
            ...models.google,
            registry: { 'gemini-embedding-001': { capabilities: ['embeddings'] } },
          },
          ollama: {
            ...models.ollama,
            registry: {
              ...(models.ollama?.registry as object),
              'nomic-embed-text:latest': { capabilities: ['embeddings'] },
            },
          },
        },
        tasks: {
          prd_generation: {
            default: 'compat:acme/chat-1',
            fallbacks: ['anthropic:claude-haiku-4-5-20251001'],
          },
        },
      };
    },
  });
  // No retries: each call must be exactly one request to the gateway, whatever it answers.
  client = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: 'unused-in-local-mode', maxRetries: 0 });
});
afterAll(async () => gw?.close());
afterEach(() => gw.mock.clearFaults());

/** Each kind, with a model of it and the name its provider knows it by. */
const MODELS = [
  { kind: 'openai', model: 'openai:gpt-4o-mini', name: 'gpt-4o-mini', passthrough: true },
  {
    kind: 'anthropic',
    model: 'anthropic:claude-haiku-4-5-20251001',
    name: 'claude-haiku-4-5-20251001',
    passthrough: false,
  },
  { kind: 'google', model: 'google:gemini-2.5-flash', name: 'gemini-2.5-flash', passthrough: false },
  { kind: 'xai', model: 'xai:grok-4-fast', name: 'grok-4-fast', passthrough: true },
  { kind: 'ollama', model: 'ollama:llama3:latest', name: 'llama3:latest', passthrough: true },
  { kind: 'compat', model: 'compat:acme/chat-1', name: 'acme/chat-1', passthrough: true },
] as const;

const user = (content: string) => [{ role: 'user' as const, content }];

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return {
    chunks,
    text: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''),
    usage: chunks.find((chunk) => chunk.usage)?.usage,
  };
}

async function setPreference(task: string, id: string | null) {
  const url = `${gw.url}/api/users/local/model-preferences/${task}`;
  const res = await fetch(url, {
    method: id ? 'PUT' : 'DELETE',
    ...(id ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) } : {}),
  });
  expect(res.status).toBe(200);
}

describe.each(MODELS)('the official openai client on $model', ({ kind, model, name, passthrough }) => {
  it('chats: the answer, the Switchboard model ID, usage, the x-switchboard headers; one upstream call', async () => {
    gw.mock.clear();
    const { data, response } = await client.chat.completions
      .create({ model, messages: user('hello compatible api') })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe(model);
    expect(data.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Echo: hello compatible api',
    });
    expect(data.choices[0]?.finish_reason).toBe('stop');
    const reported = gw.mock.reportedUsage.total;
    expect(data.usage).toMatchObject({ prompt_tokens: reported.inputTokens });
    expect(response.headers.get('x-switchboard-model')).toBe(model);
    expect(response.headers.get('x-switchboard-source')).toBe('override');
    expect(Number(response.headers.get('x-switchboard-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(gw.mock.requests).toHaveLength(1);
    expect(gw.mock.requests[0]?.kind).toBe(kind);
    // A passthrough upstream gets the client's body with its own model name; the others a translation.
    if (passthrough)
      expect(gw.mock.requests[0]?.body).toMatchObject({
        model: name,
        messages: user('hello compatible api'),
      });
  });

  it('streams chunks, and the usage chunk only when include_usage asks for it; one upstream call each', async () => {
    gw.mock.clear();
    const { data, response } = await client.chat.completions
      .create({ model, stream: true, messages: user('stream the compatible api') })
      .withResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-switchboard-model')).toBe(model);
    const plain = await collect(data);
    expect(plain.chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(plain.text).toBe('Echo: stream the compatible api');
    // The canonical loop: `chunk.choices[0].delta` on every chunk when the client did not ask for usage.
    for (const chunk of plain.chunks) {
      expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model });
      expect(chunk.choices[0]?.delta).toBeDefined();
    }
    expect(plain.usage).toBeUndefined();
    expect(plain.chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(gw.mock.requests).toHaveLength(1);
    if (passthrough) {
      // Usage is still asked for upstream, so the call's cost can be recorded.
      expect(gw.mock.requests[0]?.body).toMatchObject({
        model: name,
        stream: true,
        stream_options: { include_usage: true },
      });
    }

    gw.mock.clear();
    const withUsage = await collect(
      await client.chat.completions.create({
        model,
        stream: true,
        stream_options: { include_usage: true },
        messages: user('stream the compatible api'),
      }),
    );
    const reported = gw.mock.reportedUsage.total;
    expect(withUsage.usage).toMatchObject({
      prompt_tokens: reported.inputTokens,
      completion_tokens: expect.any(Number),
    });
    expect(gw.mock.requests).toHaveLength(1);
  });
});

describe('model: task:<task>', () => {
  it('resolves the task for the caller, streamed or not', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'task:chat', messages: user('hi') })
      .withResponse();
    expect(data.model).toBe('openai:gpt-4o-mini');
    expect(response.headers.get('x-switchboard-source')).toBe('config_default');
    const stream = await collect(
      await client.chat.completions.create({ model: 'task:chat', stream: true, messages: user('hi') }),
    );
    expect(stream.text).toBe('Echo: hi');
    expect(stream.chunks[0]?.model).toBe('openai:gpt-4o-mini');
  });

  it("follows the user's preference for the task, on every endpoint", async () => {
    await setPreference('chat', 'anthropic:claude-haiku-4-5-20251001');
    await setPreference('embeddings', 'google:gemini-embedding-001');
    try {
      gw.mock.clear();
      const whole = await client.chat.completions.create({
        model: 'task:chat',
        messages: user('who answers?'),
      });
      expect(whole.model).toBe('anthropic:claude-haiku-4-5-20251001');
      const streamed = await collect(
        await client.chat.completions.create({
          model: 'task:chat',
          stream: true,
          messages: user('and now?'),
        }),
      );
      expect(streamed.chunks[0]?.model).toBe('anthropic:claude-haiku-4-5-20251001');
      const embedded = await client.embeddings.create({ model: 'task:embeddings', input: 'embed me' });
      expect(embedded.model).toBe('google:gemini-embedding-001');
      expect(gw.mock.requests.map((request) => request.kind)).toEqual(['anthropic', 'anthropic', 'google']);
    } finally {
      await setPreference('chat', null);
      await setPreference('embeddings', null);
    }
    gw.mock.clear();
    await client.chat.completions.create({ model: 'task:chat', messages: user('back to the default') });
    expect(gw.mock.requests.map((request) => request.kind)).toEqual(['openai']);
  });

  it('answers 400 with a message for an unknown task, a malformed model ID or an empty task', async () => {
    for (const model of ['task:no_such_task', 'no-colon', 'task:']) {
      const error = await client.chat.completions
        .create({ model, messages: user('x') })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(400);
      expect((error as APIError).message).toMatch(/\S/);
    }
  });
});

describe('POST /v1/embeddings', () => {
  it('passes through to an OpenAI-format upstream (base64, as the client asks by default)', async () => {
    gw.mock.clear();
    const { data, response } = await client.embeddings
      .create({ model: 'task:embeddings', input: ['one two', 'three'] })
      .withResponse();
    expect(data.model).toBe('openai:text-embedding-3-small');
    expect(data.data.map((item) => item.embedding.length)).toEqual([1536, 1536]);
    expect(data.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(response.headers.get('x-switchboard-model')).toBe('openai:text-embedding-3-small');
    expect(gw.mock.requests).toHaveLength(1);
    expect(gw.mock.requests[0]?.body).toMatchObject({
      model: 'text-embedding-3-small',
      encoding_format: 'base64',
    });
  });

  it('passes through to Ollama /v1 and translates for Gemini, floats or base64 alike', async () => {
    const ollama = await client.embeddings.create({
      model: 'ollama:nomic-embed-text:latest',
      input: 'a b c',
    });
    expect(ollama).toMatchObject({ model: 'ollama:nomic-embed-text:latest', usage: { prompt_tokens: 3 } });
    gw.mock.clear();
    const floats = await client.embeddings.create({
      model: 'google:gemini-embedding-001',
      input: ['x', 'y'],
      encoding_format: 'float',
    });
    const base64 = await client.embeddings.create({
      model: 'google:gemini-embedding-001',
      input: ['x', 'y'],
    });
    expect(floats.data).toHaveLength(2);
    expect(floats.data[0]?.embedding.length).toBe(3072);
    // The client decoded the base64 answer into the same floats (to float32 precision).
    expect(base64.data[0]?.embedding[0]).toBeCloseTo(floats.data[0]?.embedding[0] ?? Number.NaN, 6);
    expect(gw.mock.requests.map((request) => request.kind)).toEqual(['google', 'google']);
  });
});

describe('GET /v1/models', () => {
  it('lists every task as task:<name> and every registered model of a configured provider', async () => {
    const ids = [];
    for await (const model of client.models.list()) {
      expect(model).toMatchObject({
        object: 'model',
        created: expect.any(Number),
        owned_by: expect.any(String),
      });
      ids.push(model.id);
    }
    expect(ids).toEqual(
      expect.arrayContaining(['task:chat', 'task:embeddings', 'task:ir_build', 'task:prd_generation']),
    );
    expect(ids).toEqual(
      expect.arrayContaining([
        'openai:gpt-4o-mini',
        'anthropic:claude-haiku-4-5-20251001',
        'ollama:llama3:latest',
        'compat:acme/chat-1',
      ]),
    );
    // The provider without a key could not answer: none of its models is offered.
    expect(ids.some((id) => id.startsWith('nokey:'))).toBe(false);
  });
});

describe('fallbacks', () => {
  it('falls back before any byte was sent, and only then makes a second upstream call', async () => {
    gw.mock.clear();
    gw.mock.setFault({ mode: 'server_error', kind: 'compat', times: 2 });
    const { data, response } = await client.chat.completions
      .create({ model: 'task:prd_generation', messages: user('write a PRD') })
      .withResponse();
    expect(data.model).toBe('anthropic:claude-haiku-4-5-20251001');
    expect(response.headers.get('x-switchboard-fallback-from')).toBe('compat:acme/chat-1');
    const streamed = await collect(
      await client.chat.completions.create({
        model: 'task:prd_generation',
        stream: true,
        messages: user('stream a PRD'),
      }),
    );
    expect(streamed.chunks[0]?.model).toBe('anthropic:claude-haiku-4-5-20251001');
    expect(gw.mock.requests.map((request) => request.kind)).toEqual([
      'compat',
      'anthropic',
      'compat',
      'anthropic',
    ]);

    gw.mock.clear();
    await client.chat.completions.create({ model: 'task:prd_generation', messages: user('no fault now') });
    expect(gw.mock.requests.map((request) => request.kind)).toEqual(['compat']);
  });
});

describe('upstream faults give the client a clear result', () => {
  const chat = (model: string, stream: boolean, signal?: AbortSignal) =>
    stream
      ? client.chat.completions
          .create({ model, stream: true, messages: user('one two three four') }, { signal })
          .then(collect)
      : client.chat.completions.create({ model, messages: user('one two three four') }, { signal });

  // `reset` after this many frames lands past the first token: OpenAI's role chunk; Anthropic's
  // message_start, content_block_start and ping come first.
  describe.each([
    ['passthrough', 'openai', 'openai:gpt-4o-mini', 3],
    ['translated', 'anthropic', 'anthropic:claude-haiku-4-5-20251001', 5],
  ] as const)('%s (%s)', (_how, kind, model, resetAfter) => {
    it.each([false, true])(
      'rate_limit (stream: %s): 429 with the provider message, one upstream call',
      async (stream) => {
        gw.mock.clear();
        gw.mock.setFault({ mode: 'rate_limit', kind, times: 1 });
        const error = await chat(model, stream).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RateLimitError);
        expect((error as APIError).message).toContain('Rate limit reached');
        expect((error as APIError).headers?.get('content-type')).toContain('application/json');
        expect(gw.mock.requests).toHaveLength(1);
      },
    );

    it.each([false, true])('server_error (stream: %s): 502 upstream_error', async (stream) => {
      gw.mock.clear();
      gw.mock.setFault({ mode: 'server_error', kind, times: 1 });
      const error = await chat(model, stream).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).status).toBe(502);
      expect((error as APIError).error).toMatchObject({ code: 'upstream_error' });
      expect(gw.mock.requests).toHaveLength(1);
    });

    it('reset mid-stream: the stream ends in an error the client raises, after the first chunks', async () => {
      gw.mock.setFault({ mode: 'reset', kind, after: resetAfter, times: 1 });
      const chunks: unknown[] = [];
      const stream = await client.chat.completions.create({
        model,
        stream: true,
        messages: user('one two three four'),
      });
      const error = await (async () => {
        for await (const chunk of stream) chunks.push(chunk);
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIError);
      expect((error as APIError).error).toMatchObject({ code: expect.stringMatching(/^upstream_/) });
      expect(chunks.length).toBeGreaterThan(0);
    });

    it.each([false, true])('malformed (stream: %s): an error, never half an answer', async (stream) => {
      gw.mock.setFault({ mode: 'malformed', kind, after: 2, times: 1 });
      const error = await chat(model, stream).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIError);
      if (!stream) expect((error as APIError).status).toBe(502);
    });

    it.each([false, true])(
      'hang (stream: %s): a client that gives up aborts the upstream call',
      async (stream) => {
        gw.mock.clear();
        gw.mock.setFault({ mode: 'hang', kind, times: 1 });
        const controller = new AbortController();
        const pending = chat(model, stream, controller.signal).catch((caught: unknown) => caught);
        await gw.mock.waitFor((request) => request.kind === kind);
        controller.abort();
        expect(await pending).toBeInstanceOf(APIUserAbortError);
        expect(await gw.mock.waitForAbort((event) => event.kind === kind)).toMatchObject({ kind });
      },
    );
  });

  it('refuses by name what a translation cannot carry, before any upstream call', async () => {
    gw.mock.clear();
    const error = await client.chat.completions
      .create({
        model: 'anthropic:claude-haiku-4-5-20251001',
        messages: user('what is the weather?'),
        n: 2,
      })
      .catch((caught: unknown) => caught);
    expect((error as APIError).status).toBe(400);
    expect((error as APIError).message).toContain('"n"');
    expect(gw.mock.requests).toHaveLength(0);
  });
});

describe('the API description', () => {
  it('documents the OpenAI-compatible routes', async () => {
    const res = await fetch(`${gw.url}/openapi.json`);
    expect(res.status).toBe(200);
    const paths = Object.keys((await res.json()).paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/chat/completions', '/v1/embeddings', '/v1/models']));
  });
});

describe('response_format on providers answered through a translation', () => {
  const schema = {
    type: 'object',
    properties: { title: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
    required: ['title', 'tags'],
    additionalProperties: false,
  };

  it.each(['anthropic:claude-haiku-4-5-20251001', 'google:gemini-2.5-flash'])(
    '%s answers JSON for a json_schema, as the provider does structured output natively',
    async (model) => {
      gw.mock.clear();
      const completion = await client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'a release note' }],
        response_format: { type: 'json_schema', json_schema: { name: 'note', schema, strict: true } },
      });
      const parsed = JSON.parse(completion.choices[0]?.message.content ?? '');
      expect(parsed).toMatchObject({ title: expect.any(String), tags: expect.any(Array) });
      // The schema reached the provider in its own form: Anthropic as a tool, Gemini as responseSchema.
      expect(JSON.stringify(gw.mock.requests[0]?.body)).toContain('"tags"');
    },
  );

  it('streams the JSON text too', async () => {
    const stream = await client.chat.completions.create({
      model: 'anthropic:claude-haiku-4-5-20251001',
      messages: [{ role: 'user', content: 'a release note' }],
      response_format: { type: 'json_schema', json_schema: { name: 'note', schema } },
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(JSON.parse(text)).toMatchObject({ title: expect.any(String) });
  });
});
