import { describe, expect, it } from 'vitest';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import { createUsageTap } from './create-usage-tap.js';

/** Feeds `text` to a tap in chunks of `size` bytes, so events and characters are cut at every boundary. */
function tapUsage(kind: keyof typeof PROVIDER_KIND_MODULES, contentType: string, text: string, size = 7) {
  const tap = createUsageTap(contentType, PROVIDER_KIND_MODULES[kind].createUsageReader());
  if (!tap) throw new Error('no tap');
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) tap.write(bytes.subarray(at, at + size));
  return tap.end();
}

const sse = (...events: Array<[string | undefined, unknown]>) =>
  events
    .map(
      ([event, data]) =>
        `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    )
    .join('');

describe('createUsageTap with each kind', () => {
  it('OpenAI: the usage of the last chunk, past `"usage": null` chunks and [DONE]; cached and reasoning tokens', () => {
    const usage = {
      prompt_tokens: 12,
      completion_tokens: 30,
      prompt_tokens_details: { cached_tokens: 4 },
      completion_tokens_details: { reasoning_tokens: 10 },
    };
    const text = sse(
      [undefined, { choices: [{ delta: { content: 'héllo ✓' } }], usage: null }],
      [undefined, { choices: [], usage }],
      [undefined, '[DONE]'],
    );
    expect(tapUsage('openai', 'text/event-stream', text)).toEqual({
      inputTokens: 12,
      outputTokens: 30,
      cacheReadTokens: 4,
      reasoningTokens: 10,
    });
  });

  it('OpenAI: a JSON body, and the Responses API stream', () => {
    expect(
      tapUsage(
        'openai',
        'application/json',
        JSON.stringify({ usage: { prompt_tokens: 3, total_tokens: 3 } }),
      ),
    ).toMatchObject({
      inputTokens: 3,
      outputTokens: 0,
    });
    const completed = {
      type: 'response.completed',
      response: {
        usage: { input_tokens: 5, output_tokens: 9, output_tokens_details: { reasoning_tokens: 2 } },
      },
    };
    expect(tapUsage('openai', 'text/event-stream', sse(['response.completed', completed]))).toMatchObject({
      inputTokens: 5,
      outputTokens: 9,
      reasoningTokens: 2,
    });
  });

  it('xAI: reasoning tokens outside completion_tokens are billed as output', () => {
    const body = {
      usage: {
        prompt_tokens: 3,
        completion_tokens: 4,
        total_tokens: 14,
        completion_tokens_details: { reasoning_tokens: 7 },
      },
    };
    expect(tapUsage('xai', 'application/json', JSON.stringify(body))).toMatchObject({
      inputTokens: 3,
      outputTokens: 11,
      reasoningTokens: 7,
    });
  });

  it('Anthropic: input (with cache reads and writes) from message_start, output from the last message_delta', () => {
    const text = sse(
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            usage: {
              input_tokens: 10,
              cache_read_input_tokens: 100,
              cache_creation_input_tokens: 20,
              output_tokens: 1,
            },
          },
        },
      ],
      ['content_block_delta', { type: 'content_block_delta', delta: { type: 'text_delta', text: 'hi' } }],
      ['message_delta', { type: 'message_delta', usage: { output_tokens: 42 } }],
      ['message_stop', { type: 'message_stop' }],
    );
    expect(tapUsage('anthropic', 'text/event-stream', text)).toEqual({
      inputTokens: 130,
      outputTokens: 42,
      cacheReadTokens: 100,
      cacheWriteTokens: 20,
    });
    const body = { type: 'message', usage: { input_tokens: 8, output_tokens: 5 } };
    expect(tapUsage('anthropic', 'application/json', JSON.stringify(body))).toMatchObject({
      inputTokens: 8,
      outputTokens: 5,
    });
  });

  it('Gemini: the running total of the last chunk, thoughts as output; a JSON-array stream too', () => {
    const chunk = (candidates: number) => ({
      candidates: [{ content: { parts: [{ text: 'x' }] } }],
      usageMetadata: {
        promptTokenCount: 6,
        candidatesTokenCount: candidates,
        thoughtsTokenCount: 3,
        cachedContentTokenCount: 2,
      },
    });
    const expected = { inputTokens: 6, outputTokens: 12, cacheReadTokens: 2, reasoningTokens: 3 };
    expect(
      tapUsage('google', 'text/event-stream', sse([undefined, chunk(4)], [undefined, chunk(9)])),
    ).toEqual(expected);
    expect(
      tapUsage(
        'google',
        'application/json; charset=UTF-8',
        `[${JSON.stringify(chunk(4))},\r\n${JSON.stringify(chunk(9))}]`,
      ),
    ).toEqual(expected);
  });

  it('Ollama: the done line of an NDJSON stream, a line without its final newline, and its /v1 usage', () => {
    const lines = [
      JSON.stringify({ message: { content: 'hi' }, done: false }),
      JSON.stringify({ message: { content: '' }, done: true, prompt_eval_count: 7, eval_count: 11 }),
    ].join('\n');
    expect(tapUsage('ollama', 'application/x-ndjson', lines)).toEqual({ inputTokens: 7, outputTokens: 11 });
    expect(
      tapUsage(
        'ollama',
        'text/event-stream',
        sse([undefined, { choices: [], usage: { prompt_tokens: 2, completion_tokens: 3 } }]),
      ),
    ).toMatchObject({
      inputTokens: 2,
      outputTokens: 3,
    });
  });

  it('reports nothing for answers without usage, and has no tap for bodies that hold no JSON', () => {
    expect(
      tapUsage('openai', 'text/event-stream', sse([undefined, { choices: [] }], [undefined, '[DONE]'])),
    ).toBeUndefined();
    expect(tapUsage('openai', 'application/json', '{"usage": {"prompt_tok')).toBeUndefined();
    expect(createUsageTap('audio/mpeg', PROVIDER_KIND_MODULES.openai.createUsageReader())).toBeUndefined();
  });
});
