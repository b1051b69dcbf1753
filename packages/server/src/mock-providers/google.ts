/**
 * Gemini's generative language API: `models/{model}:generateContent`, `:streamGenerateContent` (SSE with
 * bare `data:` lines and no `[DONE]` under `alt=sse`, else one JSON array), `:embedContent`,
 * `:batchEmbedContents`, `:countTokens`, and the model list. Every stream chunk carries `usageMetadata`
 * so far, as the real API does; the last one also has `finishReason`.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/api/embeddings
 */
import { planAnswer } from './answer.js';
import { DEFAULT_DIMENSIONS, displayNameOf, isEmbeddingModel } from './catalog.js';
import type { MockContext } from './context.js';
import { createEmbedding } from './embedding.js';
import { readGeminiCall } from './google-request.js';
import { asArray, asNumber, asRecord, type JsonRecord, textsOf } from './json-values.js';
import type { KindModule, MockErrorInfo } from './kind-module.js';
import type { StreamFrame } from './sse.js';
import { signThinking } from './thinking-signature.js';
import { countWordsIn, splitText, type TokenUsage } from './tokens.js';

/** google.rpc status names per HTTP status. @see https://ai.google.dev/gemini-api/docs/troubleshooting */
const STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** `{ error: { code, message, status } }`; a 429 also says when to retry in a `RetryInfo` detail. */
function errorBody(error: MockErrorInfo): unknown {
  const body: JsonRecord = {
    code: error.status,
    message: error.message,
    status: STATUSES[error.status] ?? 'UNKNOWN',
  };
  if (error.retryAfter !== undefined) {
    body.details = [
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${error.retryAfter}s` },
    ];
  }
  return { error: body };
}

const MODEL_ROUTE = /^\/v1beta\/models\/([^/:]+):([A-Za-z]+)$/;

/** The Gemini module. The key comes in `x-goog-api-key`, or in `?key=` as older clients send it. */
export const googleModule: KindModule = {
  readApiKey: (headers, query) => {
    const header = headers['x-goog-api-key'];
    return typeof header === 'string' ? header : (query.get('key') ?? undefined);
  },
  authError: (key) => ({
    message:
      key === undefined
        ? "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."
        : 'API key not valid. Please pass a valid API key.',
  }),
  errorBody,
  handle(ctx) {
    const { method, path } = ctx.request;
    const match = method === 'POST' ? MODEL_ROUTE.exec(path) : null;
    if (match) {
      const model = decodeURIComponent(match[1] as string);
      switch (match[2]) {
        case 'generateContent':
          return generate(ctx, model, false);
        case 'streamGenerateContent':
          return generate(ctx, model, true);
        case 'embedContent':
          return embed(ctx, false);
        case 'batchEmbedContents':
          return embed(ctx, true);
        case 'countTokens':
          return countTokens(ctx, model);
      }
    }
    if (method === 'GET' && path === '/v1beta/models')
      return ctx.json({ models: ctx.models.map(modelObject) });
    if (method === 'GET' && path.startsWith('/v1beta/models/')) {
      const id = decodeURIComponent(path.slice('/v1beta/models/'.length));
      if (ctx.models.includes(id)) return ctx.json(modelObject(id));
      return ctx.error(404, `models/${id} is not found for API version v1beta.`);
    }
    ctx.error(404, `Method not found: ${method} ${path}`);
  },
};

function usageMetadata(usage: TokenUsage, thoughts: number): JsonRecord {
  const cached = usage.cachedInputTokens ?? 0;
  return {
    promptTokenCount: usage.inputTokens,
    ...(cached > 0 && { cachedContentTokenCount: cached }),
    candidatesTokenCount: usage.outputTokens - thoughts,
    totalTokenCount: usage.inputTokens + usage.outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
    ...(cached > 0 && { cacheTokensDetails: [{ modality: 'TEXT', tokenCount: cached }] }),
    ...(thoughts > 0 && { thoughtsTokenCount: thoughts }),
  };
}

function generate(ctx: MockContext, model: string, stream: boolean) {
  const call = readGeminiCall(ctx, model, ctx.body);
  const answer = planAnswer(call.answer);
  const usage: TokenUsage = {
    inputTokens: call.inputTokens,
    outputTokens: answer.outputTokens,
    reasoningTokens: answer.reasoningTokens,
    cachedInputTokens: ctx.state.promptCache.automatic(call.prompt),
  };
  const thoughts = answer.reasoningTokens;
  const responseId = `mock-${ctx.request.id}`;
  const finishReason = answer.stop === 'length' ? 'MAX_TOKENS' : 'STOP';
  const chunk = (parts: JsonRecord[], soFar: TokenUsage, last: boolean): JsonRecord => ({
    candidates: [{ content: { parts, role: 'model' }, ...(last && { finishReason }), index: 0 }],
    usageMetadata: usageMetadata(soFar, Math.min(thoughts, soFar.outputTokens)),
    modelVersion: model,
    responseId,
  });
  const thoughtPart =
    call.showThoughts && answer.reasoning ? { text: answer.reasoning, thought: true } : undefined;
  // A thinking model signs its first function call (`thoughtSignature`), which Gemini 3 wants back.
  const answerParts: JsonRecord[] =
    answer.toolCalls.length > 0
      ? answer.toolCalls.map((tool, n) => ({
          functionCall: { name: tool.name, args: tool.input },
          ...(n === 0 &&
            answer.reasoning !== undefined && {
              thoughtSignature: signThinking(
                `${answer.reasoning}\n${tool.arguments}`,
                ctx.state.thinkingSecret,
              ),
            }),
        }))
      : [{ text: answer.text }];
  if (!stream)
    return ctx.json(chunk([...(thoughtPart ? [thoughtPart] : []), ...answerParts], usage, true), usage);

  // Thoughts come first in their own chunk; function calls whole in one chunk; text in pieces, with the
  // output count growing.
  const pieces: JsonRecord[][] =
    answer.toolCalls.length > 0
      ? [answerParts]
      : splitText(answer.text, ctx.chunks).map((text) => [{ text }]);
  if (thoughtPart) pieces.unshift([thoughtPart]);
  const frames: StreamFrame[] = [];
  let outputSoFar = 0;
  pieces.forEach((parts, i) => {
    const last = i === pieces.length - 1;
    outputSoFar = last
      ? usage.outputTokens
      : outputSoFar + (parts[0]?.thought ? thoughts : countWordsIn(textsOf(parts)));
    const data = JSON.stringify(chunk(parts, { ...usage, outputTokens: outputSoFar }, last));
    frames.push(last ? { data, usage } : { data });
  });
  if (ctx.query.get('alt') === 'sse') return ctx.stream('sse', frames);
  // Without alt=sse the API streams one JSON array of the same chunks.
  ctx.json(`[${frames.map((frame) => frame.data).join(',\r\n')}]`, usage);
}

/** `:countTokens` with `contents` or a whole `generateContentRequest`. */
function countTokens(ctx: MockContext, model: string) {
  const request = ctx.body.generateContentRequest;
  const body = request === undefined ? ctx.body : asRecord(request);
  const { model: _model, ...rest } = body;
  ctx.json({ totalTokens: readGeminiCall(ctx, model, rest).inputTokens });
}

function embed(ctx: MockContext, batch: boolean) {
  const requests = batch ? asArray(ctx.body.requests).map(asRecord) : [ctx.body];
  if (requests.length === 0)
    return ctx.error(400, '* BatchEmbedContentsRequest.requests: at least one request is required');
  const embeddings = requests.map((request) => {
    const text = textsOf(asRecord(request.content).parts).join(' ');
    const dimensions = asNumber(request.outputDimensionality) ?? DEFAULT_DIMENSIONS.google;
    return { values: createEmbedding(text, dimensions) };
  });
  // Gemini reports no usage for embeddings, so none is counted.
  ctx.json(batch ? { embeddings } : { embedding: embeddings[0] });
}

/** @see https://ai.google.dev/api/models#Model */
function modelObject(id: string): JsonRecord {
  const embedding = isEmbeddingModel(id);
  return {
    name: `models/${id}`,
    version: '001',
    displayName: displayNameOf(id),
    description: `Mock of ${id}`,
    inputTokenLimit: embedding ? 2048 : 1_048_576,
    outputTokenLimit: embedding ? 1 : 65_536,
    supportedGenerationMethods: embedding
      ? ['embedContent', 'countTextTokens', 'countTokens']
      : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    ...(!embedding && { temperature: 1, topP: 0.95, topK: 64, maxTemperature: 2, thinking: true }),
  };
}
