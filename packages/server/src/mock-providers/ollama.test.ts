import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockProviders, startMockProviders } from './index.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const post = (path: string, body: unknown) =>
  fetch(`${mock.baseUrl('ollama')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Reads an NDJSON body line by line, as Ollama clients do. */
async function readLines(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  expect(text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('Ollama native API', () => {
  it('streams /api/chat as NDJSON by default, counts on the done line', async () => {
    const response = await post('/api/chat', {
      model: 'llama3:latest',
      messages: [
        { role: 'system', content: 'short answers' },
        { role: 'user', content: 'hello llama' },
      ],
    });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = await readLines(response);
    const last = lines.at(-1);
    expect(lines.slice(0, -1).every((line) => line.done === false)).toBe(true);
    expect(
      lines
        .slice(0, -1)
        .map((line) => (line.message as { content: string }).content)
        .join(''),
    ).toBe('Echo: hello llama');
    expect(last).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 4, eval_count: 3 });
    expect(mock.reportedUsage.byKind.ollama).toMatchObject({ responses: 1, inputTokens: 4, outputTokens: 3 });
  });

  it('answers one JSON object with stream: false', async () => {
    const response = await post('/api/chat', {
      model: 'llama3',
      stream: false,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({
      model: 'llama3',
      message: { role: 'assistant', content: 'Echo: x' },
      done: true,
      prompt_eval_count: 1,
      eval_count: 2,
    });
  });

  it('streams /api/generate with `response` pieces and a context', async () => {
    const lines = await readLines(
      await post('/api/generate', { model: 'llama3', prompt: 'why is the sky blue' }),
    );
    expect(
      lines
        .slice(0, -1)
        .map((line) => line.response)
        .join(''),
    ).toBe('Echo: why is the sky blue');
    expect(lines.at(-1)).toMatchObject({ done: true, prompt_eval_count: 5, eval_count: 6 });
    expect(Array.isArray(lines.at(-1)?.context)).toBe(true);
  });

  it('answers structured output for a `format` schema', async () => {
    const format = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    const response = await post('/api/chat', {
      model: 'llama3',
      stream: false,
      format,
      messages: [{ role: 'user', content: 'x' }],
    });
    const body = (await response.json()) as { message: { content: string } };
    expect(JSON.parse(body.message.content)).toEqual({ ok: true });
  });

  it('calls a tool with arguments as an object', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'add',
          parameters: { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] },
        },
      },
    ];
    const body = await (
      await post('/api/chat', {
        model: 'llama3',
        stream: false,
        tools,
        messages: [{ role: 'user', content: '1+1' }],
      })
    ).json();
    expect(body).toMatchObject({
      message: { content: '', tool_calls: [{ function: { index: 0, name: 'add', arguments: { a: 0 } } }] },
    });
  });

  it('embeds with /api/embed', async () => {
    const response = await post('/api/embed', { model: 'nomic-embed-text', input: ['a b', 'c'] });
    const body = (await response.json()) as { embeddings: number[][]; prompt_eval_count: number };
    expect(body.embeddings).toHaveLength(2);
    expect(body.embeddings[0]).toHaveLength(768);
    expect(body.prompt_eval_count).toBe(3);
  });

  it('lists models with /api/tags and describes one with /api/show', async () => {
    const tags = await (await fetch(`${mock.baseUrl('ollama')}/api/tags`)).json();
    expect(tags).toMatchObject({
      models: expect.arrayContaining([
        expect.objectContaining({
          name: 'llama3:latest',
          details: expect.objectContaining({ family: 'llama' }),
        }),
      ]),
    });
    const show = await (await post('/api/show', { model: 'llama3' })).json();
    expect(show).toMatchObject({
      capabilities: ['completion', 'tools'],
      model_info: { 'general.architecture': 'llama', 'llama.context_length': 8192 },
    });
    const embedder = await (await post('/api/show', { model: 'nomic-embed-text:latest' })).json();
    expect(embedder).toMatchObject({ capabilities: ['embedding'] });
    const missing = await post('/api/show', { model: 'nope' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "model 'nope' not found" });
  });

  it('answers the health probe at its root', async () => {
    const response = await fetch(mock.baseUrl('ollama'));
    expect(await response.text()).toBe('Ollama is running');
  });
});

describe("Ollama's OpenAI-compatible /v1", () => {
  it('streams chat completions with usage and [DONE]', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'llama3',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hey' }],
    });
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const usage = JSON.parse(events.at(-2)?.slice('data: '.length) ?? '{}');
    expect(usage).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: 2 },
      system_fingerprint: 'fp_ollama',
    });
  });
});
