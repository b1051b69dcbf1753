/**
 * The OpenAI wire format, served for OpenAI, xAI, generic OpenAI-compatible servers and Ollama's `/v1`
 * (each a {@link OpenAiFlavor}): chat completions (JSON and SSE ending in `data: [DONE]`), embeddings
 * (float or base64), the model list, and the Responses API (`openai-responses.ts`).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import { DEFAULT_DIMENSIONS, LISTED_AT_SECONDS } from './catalog.js';
import type { MockContext } from './context.js';
import { createEmbedding, encodeEmbeddingBase64 } from './embedding.js';
import { asNumber, asString, type JsonRecord } from './json-values.js';
import { type KindModule, readBearer } from './kind-module.js';
import { chatCompletions } from './openai-chat.js';
import type { OpenAiFlavor } from './openai-flavors.js';
import { handleResponses } from './openai-responses.js';
import { countWords, type TokenUsage } from './tokens.js';

/** Creates the module that answers the OpenAI format the way `flavor` does. */
export function createOpenAiModule(flavor: OpenAiFlavor): KindModule {
  const routes: Record<string, (ctx: MockContext) => void> = {
    'POST /v1/chat/completions': (ctx) => chatCompletions(ctx, flavor),
    'POST /v1/embeddings': embeddings,
    'GET /v1/models': (ctx) => listModels(ctx, flavor),
    'POST /v1/responses': (ctx) => handleResponses(ctx, flavor),
  };
  return {
    readApiKey: readBearer,
    authError: flavor.authError,
    errorBody: flavor.errorBody,
    rateLimitHeaders: flavor.rateLimitHeaders,
    handle(ctx) {
      const { method, path } = ctx.request;
      const route = routes[`${method} ${path}`];
      if (route) return route(ctx);
      if (method === 'GET' && path.startsWith('/v1/models/')) return getModel(ctx, flavor);
      ctx.error(404, `Invalid URL (${method} ${path})`);
    },
  };
}

/** Inputs of an embeddings request: a string, strings, a token array or token arrays. */
function readEmbeddingInputs(input: unknown): { texts: string[]; tokens: number } | undefined {
  if (typeof input === 'string') return { texts: [input], tokens: countWords(input) };
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number'))
    return { texts: [input.join(' ')], tokens: input.length };
  const texts: string[] = [];
  let tokens = 0;
  for (const item of input) {
    if (typeof item === 'string') {
      texts.push(item);
      tokens += countWords(item);
    } else if (Array.isArray(item)) {
      texts.push(item.join(' '));
      tokens += item.length;
    } else {
      return undefined;
    }
  }
  return { texts, tokens };
}

/** @see https://platform.openai.com/docs/api-reference/embeddings/create */
function embeddings(ctx: MockContext) {
  const inputs = readEmbeddingInputs(ctx.body.input);
  if (!inputs) return ctx.error(400, "'input' must be a string, an array of strings or of token arrays");
  const dimensions = asNumber(ctx.body.dimensions) ?? DEFAULT_DIMENSIONS[ctx.kind];
  const base64 = ctx.body.encoding_format === 'base64';
  const data = inputs.texts.map((text, index) => {
    const vector = createEmbedding(text, dimensions);
    return { object: 'embedding', index, embedding: base64 ? encodeEmbeddingBase64(vector) : vector };
  });
  const usage: TokenUsage = { inputTokens: inputs.tokens, outputTokens: 0 };
  ctx.json(
    {
      object: 'list',
      data,
      model: asString(ctx.body.model) ?? 'unknown',
      usage: { prompt_tokens: inputs.tokens, total_tokens: inputs.tokens },
    },
    usage,
  );
}

function modelObject(id: string, flavor: OpenAiFlavor): JsonRecord {
  return { id, object: 'model', created: LISTED_AT_SECONDS, owned_by: flavor.ownedBy };
}

/** @see https://platform.openai.com/docs/api-reference/models/list */
function listModels(ctx: MockContext, flavor: OpenAiFlavor) {
  ctx.json({ object: 'list', data: ctx.models.map((id) => modelObject(id, flavor)) });
}

function getModel(ctx: MockContext, flavor: OpenAiFlavor) {
  const id = decodeURIComponent(ctx.request.path.slice('/v1/models/'.length));
  if (!ctx.models.includes(id))
    return ctx.error(404, `The model '${id}' does not exist`, { code: 'model_not_found' });
  ctx.json(modelObject(id, flavor));
}
