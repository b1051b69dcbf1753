import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import Anthropic from '@anthropic-ai/sdk';
import { generateText } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64, parseDataUrl, sniffImageType } from './images.js';
import { type MockProviders, startMockProviders } from './index.js';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
// A JPEG's first bytes: SOI, then a JFIF APP0 segment.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]).toString(
  'base64',
);

let mock: MockProviders;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  mock = await startMockProviders();
  openai = new OpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'k', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: `${mock.url}/anthropic`, apiKey: 'k', maxRetries: 0 });
});
afterAll(() => mock.close());

describe('image helpers', () => {
  it('decode only real base64, split data URLs, and sniff the four image types', () => {
    expect(decodeBase64('aGk=')?.toString()).toBe('hi');
    expect(decodeBase64('aGk')).toBeUndefined();
    expect(decodeBase64('a b=')).toBeUndefined();
    expect(parseDataUrl(`data:image/png;base64,${PNG}`)).toEqual({ mediaType: 'image/png', data: PNG });
    expect(parseDataUrl('data:image/png,raw')).toBeUndefined();
    expect(sniffImageType(Buffer.from(PNG, 'base64'))).toBe('image/png');
    expect(sniffImageType(Buffer.from(JPEG, 'base64'))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('hello world!'))).toBeUndefined();
  });
});

describe('OpenAI images', () => {
  const ask = (url: string) =>
    openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url } },
          ],
        },
      ],
    });

  it('says which images crossed: data URLs by type, http URLs as url', async () => {
    const both = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'low' } },
          ],
        },
      ],
    });
    expect(both.choices[0]?.message.content).toBe('Echo: look [Saw 2 image(s) (image/png, url)]');
  });

  it('refuses a malformed data URL, bad base64 and bytes that are no image', async () => {
    await expect(ask('ftp://x/y.png')).rejects.toMatchObject({
      status: 400,
      code: 'invalid_value',
      param: 'messages[0].content[1].image_url.url',
    });
    await expect(ask('data:image/png;base64,@@@@')).rejects.toMatchObject({
      status: 400,
      code: 'invalid_value',
    });
    await expect(ask('data:text/plain;base64,aGVsbG8=')).rejects.toMatchObject({ status: 400 });
    await expect(
      ask(`data:image/png;base64,${Buffer.from('not an image').toString('base64')}`),
    ).rejects.toMatchObject({
      status: 400,
      code: 'invalid_image_format',
    });
  });

  it('takes Responses input_image parts, from the AI SDK too', async () => {
    const provider = createOpenAI({ baseURL: mock.baseUrl('openai'), apiKey: 'k' });
    const result = await generateText({
      model: provider('gpt-4o'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what?' },
            { type: 'image', image: Buffer.from(PNG, 'base64'), mediaType: 'image/png' },
          ],
        },
      ],
    });
    expect(result.text).toBe('Echo: what? [Saw 1 image(s) (image/png)]');
  });
});

describe('Anthropic images', () => {
  const ask = (source: Record<string, unknown>) =>
    anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      messages: [
        { role: 'user', content: [{ type: 'image', source } as never, { type: 'text', text: 'look' }] },
      ],
    });

  it('says which images crossed', async () => {
    const message = await ask({ type: 'base64', media_type: 'image/png', data: PNG });
    expect(message.content).toEqual([{ type: 'text', text: 'Echo: look [Saw 1 image(s) (image/png)]' }]);
    const url = await ask({ type: 'url', url: 'https://example.com/a.png' });
    expect(url.content[0]).toMatchObject({ text: 'Echo: look [Saw 1 image(s) (url)]' });
    const provider = createAnthropic({ baseURL: mock.baseUrl('anthropic'), apiKey: 'k' });
    const result = await generateText({
      model: provider('claude-haiku-4-5'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what?' },
            { type: 'image', image: Buffer.from(JPEG, 'base64'), mediaType: 'image/jpeg' },
          ],
        },
      ],
    });
    expect(result.text).toBe('Echo: what? [Saw 1 image(s) (image/jpeg)]');
  });

  it('refuses a media type the bytes are not, an unsupported type, bad base64 and a non-http URL', async () => {
    await expect(ask({ type: 'base64', media_type: 'image/png', data: JPEG })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(
        'specified using the image/png media type, but the image appears to be a image/jpeg image',
      ),
    });
    await expect(ask({ type: 'base64', media_type: 'image/bmp', data: PNG })).rejects.toMatchObject({
      status: 400,
    });
    await expect(ask({ type: 'base64', media_type: 'image/png', data: 'xx' })).rejects.toMatchObject({
      status: 400,
    });
    await expect(ask({ type: 'url', url: 'file:///etc/passwd' })).rejects.toMatchObject({ status: 400 });
  });
});
