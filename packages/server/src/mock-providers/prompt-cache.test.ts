import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTOMATIC_CACHE_MIN_TOKENS, type MockProviders, startMockProviders } from './index.js';
import { createPromptCache } from './prompt-cache.js';

let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const words = (count: number, tag = 'w') => Array.from({ length: count }, (_, i) => `${tag}${i}`).join(' ');

describe('createPromptCache', () => {
  it('marks: created on first sight, read afterwards; the split follows the last seen mark', () => {
    const cache = createPromptCache();
    const prompt = { scope: 's', parts: ['a', 'b', 'c'], tokensUpTo: [10, 30, 35] };
    expect(cache.marked(prompt, [1])).toEqual({ read: 0, created: 30 });
    expect(cache.marked(prompt, [1])).toEqual({ read: 30, created: 0 });
    expect(cache.marked(prompt, [1, 2])).toEqual({ read: 30, created: 5 });
    expect(cache.marked({ ...prompt, scope: 'other' }, [1])).toEqual({ read: 0, created: 30 });
  });

  it('automatic: the longest prefix seen before, from the threshold on', () => {
    const cache = createPromptCache();
    const long = AUTOMATIC_CACHE_MIN_TOKENS;
    expect(cache.automatic({ scope: 's', parts: ['a', 'b'], tokensUpTo: [long, long + 5] })).toBe(0);
    expect(
      cache.automatic({ scope: 's', parts: ['a', 'b', 'c'], tokensUpTo: [long, long + 5, long + 9] }),
    ).toBe(long + 5);
    expect(cache.automatic({ scope: 's', parts: ['x'], tokensUpTo: [10] })).toBe(0);
    expect(cache.automatic({ scope: 's', parts: ['x'], tokensUpTo: [10] })).toBe(0);
  });
});

describe('Anthropic cache_control', () => {
  const client = () => new Anthropic({ baseURL: `${mock.url}/anthropic`, apiKey: 'k', maxRetries: 0 });
  const ask = (system: Anthropic.TextBlockParam[], question: string) =>
    client().messages.create({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 100,
      system,
      messages: [{ role: 'user', content: question }],
    });

  it('writes the marked prefix on first sight and reads it afterwards; input_tokens is the rest', async () => {
    const system: Anthropic.TextBlockParam[] = [
      { type: 'text', text: words(50), cache_control: { type: 'ephemeral' } },
    ];
    const first = await ask(system, 'one two');
    expect(first.usage).toMatchObject({
      input_tokens: 2,
      cache_creation_input_tokens: 50,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 50, ephemeral_1h_input_tokens: 0 },
    });
    const second = await ask(system, 'three');
    expect(second.usage).toMatchObject({
      input_tokens: 1,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 50,
    });
    const hour = await ask(
      [{ type: 'text', text: words(7, 'h'), cache_control: { type: 'ephemeral', ttl: '1h' } }],
      'x',
    );
    expect(hour.usage.cache_creation).toMatchObject({
      ephemeral_1h_input_tokens: 7,
      ephemeral_5m_input_tokens: 0,
    });
    const unmarked = await ask([{ type: 'text', text: words(50) }], 'x');
    expect(unmarked.usage).toMatchObject({
      input_tokens: 51,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });

  it('streams the same split in message_start and message_delta, and refuses a fifth breakpoint', async () => {
    const system: Anthropic.TextBlockParam[] = [
      { type: 'text', text: words(20, 's'), cache_control: { type: 'ephemeral' } },
    ];
    await ask(system, 'warm');
    const final = await client()
      .messages.stream({
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 100,
        system,
        messages: [{ role: 'user', content: 'again' }],
      })
      .finalMessage();
    expect(final.usage).toMatchObject({ input_tokens: 1, cache_read_input_tokens: 20 });
    const five = Array.from({ length: 5 }, (_, i) => ({
      type: 'text' as const,
      text: `b${i}`,
      cache_control: { type: 'ephemeral' as const },
    }));
    await expect(ask(five, 'x')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('A maximum of 4 blocks with cache_control'),
    });
  });

  it('counts tokens with the same checks', async () => {
    const counted = await client().messages.countTokens({
      model: 'claude-haiku-4-5',
      system: 'a b',
      messages: [{ role: 'user', content: 'c d e' }],
    });
    expect(counted.input_tokens).toBe(5);
    await expect(
      client().messages.countTokens({ model: 'claude-nope', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('carries anthropic-ratelimit-* headers and request-id, and cuts at max_tokens', async () => {
    const { data, response } = await client()
      .messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 2,
        messages: [{ role: 'user', content: 'a b c' }],
      })
      .withResponse();
    expect(data).toMatchObject({
      stop_reason: 'max_tokens',
      content: [{ type: 'text', text: 'Echo: a' }],
      usage: { output_tokens: 2 },
    });
    for (const kind of ['requests', 'tokens', 'input-tokens', 'output-tokens'])
      for (const part of ['limit', 'remaining', 'reset'])
        expect(response.headers.get(`anthropic-ratelimit-${kind}-${part}`)).toBeTruthy();
    expect(response.headers.get('request-id')).toMatch(/^req_mock_/);
  });
});

describe('OpenAI automatic caching', () => {
  it('reports the previous turn as cached_tokens once the prefix holds 1,024 tokens, on Chat and Responses', async () => {
    const client = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'k', maxRetries: 0 });
    const system = words(AUTOMATIC_CACHE_MIN_TOKENS);
    const first = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: 'q1' },
      ],
    });
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const second = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'Echo: q1' },
        { role: 'user', content: 'q2' },
      ],
    });
    expect(second.usage).toMatchObject({
      prompt_tokens: AUTOMATIC_CACHE_MIN_TOKENS + 4,
      prompt_tokens_details: { cached_tokens: AUTOMATIC_CACHE_MIN_TOKENS + 1 },
    });
    const other = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: 'q1' },
      ],
    });
    expect(other.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const short = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'q' }],
    });
    const again = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'q' }],
    });
    expect([short, again].map((c) => c.usage?.prompt_tokens_details?.cached_tokens)).toEqual([0, 0]);
    await client.responses.create({ model: 'gpt-4o', instructions: system, input: 'r1' });
    const response = await client.responses.create({
      model: 'gpt-4o',
      instructions: system,
      input: [
        { role: 'user', content: 'r1' },
        { role: 'user', content: 'r2' },
      ],
    });
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(AUTOMATIC_CACHE_MIN_TOKENS + 1);
  });
});
