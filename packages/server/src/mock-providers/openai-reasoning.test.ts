import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS, type MockProviders, REASONING_EFFORT_TOKENS, startMockProviders } from './index.js';

let mock: MockProviders;
let client: OpenAI;

beforeAll(async () => {
  // o3 and gpt-5.1 are listed too, for the rules that differ by model family.
  mock = await startMockProviders({ models: { openai: [...DEFAULT_MODELS.openai, 'o3', 'gpt-5.1'] } });
  client = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => mock.close());
beforeEach(() => mock.clear());

const user = (content: string) => [{ role: 'user' as const, content }];

describe('OpenAI reasoning models on Chat Completions', () => {
  it('reports reasoning tokens by effort, inside completion_tokens', async () => {
    const counts: Record<string, number> = {};
    for (const effort of ['minimal', 'low', 'medium', 'high'] as const) {
      const completion = await client.chat.completions.create({
        model: 'gpt-5',
        reasoning_effort: effort,
        messages: user('hi'),
      });
      counts[effort] = completion.usage?.completion_tokens_details?.reasoning_tokens ?? -1;
      expect(completion.usage?.completion_tokens).toBe(counts[effort] + 2);
      expect(completion.choices[0]?.message.content).toBe('Echo: hi');
    }
    expect(counts).toEqual({ minimal: 8, low: 16, medium: 32, high: 64 });
    const byDefault = await client.chat.completions.create({ model: 'gpt-5-mini', messages: user('hi') });
    expect(byDefault.usage?.completion_tokens_details?.reasoning_tokens).toBe(REASONING_EFFORT_TOKENS.medium);
    const plain = await client.chat.completions.create({ model: 'gpt-4o', messages: user('hi') });
    expect(plain.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
  });

  it('refuses max_tokens, temperature and top_p on a reasoning model, reasoning_effort on another', async () => {
    const refused = (body: Record<string, unknown>) =>
      client.chat.completions
        .create({ messages: user('x'), ...body } as never)
        .catch((error: InstanceType<typeof OpenAI.APIError>) => error);
    expect(await refused({ model: 'gpt-5', max_tokens: 10 })).toMatchObject({
      status: 400,
      code: 'unsupported_parameter',
      param: 'max_tokens',
      message: expect.stringContaining("Use 'max_completion_tokens' instead."),
    });
    expect(await refused({ model: 'o3', temperature: 0.2 })).toMatchObject({
      status: 400,
      code: 'unsupported_value',
      param: 'temperature',
    });
    expect(await refused({ model: 'gpt-5', top_p: 0.5 })).toMatchObject({ status: 400, param: 'top_p' });
    expect(await refused({ model: 'gpt-4o', reasoning_effort: 'low' })).toMatchObject({
      status: 400,
      param: 'reasoning_effort',
    });
    expect(await refused({ model: 'gpt-5', reasoning_effort: 'extreme' })).toMatchObject({
      status: 400,
      code: 'invalid_value',
    });
  });

  it('spends reasoning first against max_completion_tokens and cuts the text: finish_reason length', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-5',
      reasoning_effort: 'low',
      max_completion_tokens: 18,
      messages: user('one two three four five'),
    });
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'Echo: one' },
    });
    expect(completion.usage?.completion_tokens).toBe(18);
  });

  it('the AI SDK reads reasoning tokens from Chat Completions and from Responses', async () => {
    const provider = createOpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'sk-test' });
    const chat = await generateText({
      model: provider.chat('gpt-5'),
      prompt: 'hi',
      providerOptions: { openai: { reasoningEffort: 'high' } },
    });
    expect(chat.usage.outputTokenDetails.reasoningTokens).toBe(64);
    expect(mock.requests[0]?.body).toMatchObject({ reasoning_effort: 'high' });
    const responses = await generateText({
      model: provider('gpt-5'),
      prompt: 'hi',
      providerOptions: { openai: { reasoningEffort: 'low', reasoningSummary: 'auto' } },
    });
    expect(responses.reasoningText).toBe('Thinking about: hi');
    expect(responses.usage.outputTokenDetails.reasoningTokens).toBe(16);
  });
});

describe('OpenAI reasoning on Responses', () => {
  it('answers a reasoning item first, with a summary when asked and encrypted content when included', async () => {
    const response = await client.responses.create({
      model: 'gpt-5',
      input: 'think',
      reasoning: { effort: 'low', summary: 'detailed' },
      include: ['reasoning.encrypted_content'],
      store: false,
    });
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
    expect(response.output[0]).toMatchObject({
      id: expect.stringMatching(/^rs_/),
      summary: [{ type: 'summary_text', text: 'Thinking about: think' }],
      encrypted_content: expect.any(String),
    });
    expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(16);
    const quiet = await client.responses.create({ model: 'gpt-5', input: 'think' });
    expect(quiet.output[0]).toMatchObject({ type: 'reasoning', summary: [] });
    const none = await client.responses.create({
      model: 'gpt-5.1',
      input: 'think',
      reasoning: { effort: 'none' },
    });
    expect(none.output.map((item) => item.type)).toEqual(['message']);
  });

  it('streams the summary as reasoning_summary events before the message', async () => {
    const events: string[] = [];
    for await (const event of await client.responses.create({
      model: 'gpt-5-mini',
      input: 'a b c',
      stream: true,
      reasoning: { summary: 'auto' },
    }))
      events.push(event.type);
    const at = (type: string) => events.indexOf(type);
    expect(at('response.reasoning_summary_part.added')).toBeGreaterThan(at('response.output_item.added'));
    expect(events.filter((type) => type === 'response.reasoning_summary_text.delta').length).toBeGreaterThan(
      1,
    );
    expect(at('response.reasoning_summary_part.done')).toBeLessThan(at('response.output_text.delta'));
  });

  it('resolves item_reference to a stored item, and refuses an unknown one', async () => {
    const first = await client.responses.create({ model: 'gpt-5', input: 'x' });
    const reasoningId = String(first.output[0]?.id);
    const second = await client.responses.create({
      model: 'gpt-5',
      input: [
        { role: 'user', content: 'x' },
        { type: 'item_reference', id: reasoningId },
        { role: 'user', content: 'again' },
      ],
    });
    expect(second.output_text).toBe('Echo: again');
    await expect(
      client.responses.create({ model: 'gpt-5', input: [{ type: 'item_reference', id: 'rs_missing' }] }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('refuses reasoning on a non-reasoning model, a tiny max_output_tokens, unknown fields and previous_response_id', async () => {
    const refused = (body: Record<string, unknown>) =>
      client.responses
        .create({ model: 'gpt-4o', input: 'x', ...body } as never)
        .catch((error: InstanceType<typeof OpenAI.APIError>) => error);
    expect(await refused({ reasoning: { effort: 'low' } })).toMatchObject({
      status: 400,
      param: 'reasoning.effort',
    });
    expect(await refused({ max_output_tokens: 5 })).toMatchObject({
      status: 400,
      code: 'integer_below_min_value',
    });
    expect(await refused({ messages: [] })).toMatchObject({
      status: 400,
      param: 'messages',
      message: expect.stringContaining("Unknown parameter: 'messages'."),
    });
    expect(await refused({ previous_response_id: 'resp_x' })).toMatchObject({
      status: 400,
      param: 'previous_response_id',
    });
    expect(await refused({ model: 'gpt-nope' })).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('cuts a long answer at max_output_tokens: status incomplete', async () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
    const response = await client.responses.create({ model: 'gpt-4o', input: words, max_output_tokens: 16 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output_text.split(' ')).toHaveLength(16);
    const streamed = streamText({
      model: createOpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'k' })('gpt-4o'),
      prompt: words,
      maxOutputTokens: 16,
    });
    expect(await streamed.finishReason).toBe('length');
  });
});

describe('OpenAI strictness outside tools', () => {
  const refused = (body: Record<string, unknown>) =>
    client.chat.completions
      .create({ model: 'gpt-4o', messages: user('x'), ...body } as never)
      .catch((error: InstanceType<typeof OpenAI.APIError>) => error);

  it('refuses unknown parameters, accepts every documented one the SDKs send', async () => {
    expect(await refused({ foo: 1 })).toMatchObject({
      status: 400,
      message: expect.stringContaining('Unrecognized request argument supplied: foo'),
    });
    const accepted = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: user('x'),
      stream: true,
      stream_options: { include_usage: true },
      parallel_tool_calls: true,
      tools: [{ type: 'function', function: { name: 'f' } }],
      tool_choice: 'none',
      response_format: { type: 'text' },
      user: 'u',
      metadata: { a: 'b' },
      store: false,
      service_tier: 'auto',
      seed: 1,
      n: 1,
      logprobs: false,
      temperature: 0.3,
      top_p: 1,
      stop: ['zz'],
      presence_penalty: 0,
      frequency_penalty: 0,
      logit_bias: {},
      max_tokens: 50,
      prompt_cache_key: 'k',
      safety_identifier: 's',
    });
    let text = '';
    for await (const chunk of accepted) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Echo: x');
  });

  it('refuses stream_options without stream, bad roles and parts, json_object without "json", a nameless json_schema', async () => {
    expect(await refused({ stream_options: { include_usage: true } })).toMatchObject({
      status: 400,
      param: 'stream_options',
    });
    expect(await refused({ messages: [{ role: 'robot', content: 'x' }] })).toMatchObject({
      status: 400,
      param: 'messages[0].role',
    });
    expect(await refused({ messages: [{ role: 'user', content: [{ type: 'picture' }] }] })).toMatchObject({
      status: 400,
    });
    expect(
      await refused({
        messages: [
          { role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
        ],
      }),
    ).toMatchObject({
      status: 400,
    });
    expect(await refused({ response_format: { type: 'json_object' } })).toMatchObject({
      status: 400,
      message: expect.stringContaining("must contain the word 'json'"),
    });
    expect(
      await refused({
        response_format: { type: 'json_schema', json_schema: { schema: { type: 'object' } } },
      }),
    ).toMatchObject({
      status: 400,
      param: 'response_format.json_schema.name',
    });
    expect(await refused({ model: 'gpt-nope' })).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('carries x-ratelimit-* headers, counting down, and zero remaining on a rate_limit fault', async () => {
    const first = await client.chat.completions
      .create({ model: 'gpt-4o', messages: user('x') })
      .withResponse();
    const second = await client.chat.completions
      .create({ model: 'gpt-4o', messages: user('x') })
      .withResponse();
    const remaining = (headers: Headers) => Number(headers.get('x-ratelimit-remaining-requests'));
    expect(first.response.headers.get('x-ratelimit-limit-requests')).toBe('10000');
    expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBeTruthy();
    expect(first.response.headers.get('x-ratelimit-reset-requests')).toBeTruthy();
    expect(remaining(second.response.headers)).toBe(remaining(first.response.headers) - 1);
    const limited = await fetch(`${mock.baseUrl('openai')}/chat/completions`, {
      method: 'POST',
      headers: { 'x-mock-fault': 'rate_limit;retry_after=3' },
      body: JSON.stringify({ model: 'gpt-4o', messages: user('x') }),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  });
});
