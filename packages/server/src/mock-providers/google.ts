/**
 * Gemini's generative language API: `models/{model}:generateContent`, `:streamGenerateContent` (SSE with
 * bare `data:` lines and no `[DONE]` under `alt=sse`, else one JSON array), `:embedContent`,
 * `:batchEmbedContents`, `:countTokens`, and the model list. Every stream chunk carries `usageMetadata`
 * so far, as the real API does; the last one also has `finishReason`.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/api/embeddings
 */
import { type Answer, type MockTool, type MockToolChoice, pickTool, planAnswer } from './answer.js';
import { DEFAULT_DIMENSIONS, displayNameOf, isEmbeddingModel } from './catalog.js';
import type { MockContext } from './context.js';
import { createEmbedding } from './embedding.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import type { KindModule, MockErrorInfo } from './kind-module.js';
import type { StreamFrame } from './sse.js';
import { countWords, countWordsIn, splitText, type TokenUsage } from './tokens.js';

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
          return ctx.json({ totalTokens: readRequest(ctx.body).inputTokens });
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

/** `toolConfig.functionCallingConfig`: mode `AUTO` | `ANY` | `NONE`, optionally `allowedFunctionNames`. */
function readToolChoice(body: JsonRecord): MockToolChoice {
  const config = asRecord(asRecord(body.toolConfig).functionCallingConfig);
  if (config.mode === 'NONE') return 'none';
  if (config.mode !== 'ANY') return 'auto';
  const allowed = asArray(config.allowedFunctionNames);
  return allowed.length === 1 && typeof allowed[0] === 'string' ? { name: allowed[0] } : 'required';
}

function readRequest(body: JsonRecord, offSchema = false): { answer: Answer; inputTokens: number } {
  const texts = textsOf(asRecord(body.systemInstruction).parts);
  let lastUserText = '';
  let endsWithToolResult = false;
  for (const raw of asArray(body.contents)) {
    const content = asRecord(raw);
    const parts = asArray(content.parts).map(asRecord);
    const own = textsOf(parts);
    texts.push(...own);
    endsWithToolResult = parts.some((part) => part.functionResponse !== undefined);
    if (content.role !== 'model' && !endsWithToolResult) lastUserText = own.join(' ');
  }
  const tools: MockTool[] = asArray(body.tools).flatMap((raw) =>
    asArray(asRecord(raw).functionDeclarations).flatMap((declaration) => {
      const fn = asRecord(declaration);
      const name = asString(fn.name);
      return name ? [{ name, schema: fn.parametersJsonSchema ?? fn.parameters ?? { type: 'object' } }] : [];
    }),
  );
  const config = asRecord(body.generationConfig);
  const schema =
    config.responseMimeType === 'application/json'
      ? (config.responseJsonSchema ?? config.responseSchema ?? {})
      : undefined;
  const tool = pickTool(tools, readToolChoice(body), endsWithToolResult);
  return { answer: planAnswer({ lastUserText, schema, tool, offSchema }), inputTokens: countWordsIn(texts) };
}

function usageMetadata(inputTokens: number, outputTokens: number): JsonRecord {
  return {
    promptTokenCount: inputTokens,
    candidatesTokenCount: outputTokens,
    totalTokenCount: inputTokens + outputTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: inputTokens }],
  };
}

function generate(ctx: MockContext, model: string, stream: boolean) {
  if (!Array.isArray(ctx.body.contents))
    return ctx.error(400, '* GenerateContentRequest.contents: contents is not specified');
  const { answer, inputTokens } = readRequest(ctx.body, ctx.offSchema);
  const usage: TokenUsage = { inputTokens, outputTokens: answer.outputTokens };
  const responseId = `mock-${ctx.request.id}`;
  const chunk = (parts: JsonRecord[], outputSoFar: number, last: boolean): JsonRecord => ({
    candidates: [{ content: { parts, role: 'model' }, ...(last && { finishReason: 'STOP' }), index: 0 }],
    usageMetadata: usageMetadata(inputTokens, outputSoFar),
    modelVersion: model,
    responseId,
  });
  const whole =
    answer.type === 'text'
      ? { text: answer.text }
      : { functionCall: { name: answer.name, args: answer.input } };
  if (!stream) return ctx.json(chunk([whole], usage.outputTokens, true), usage);

  // A function call comes whole in one chunk; text in pieces, with the output count growing.
  const pieces = answer.type === 'text' ? splitText(answer.text, ctx.chunks) : [''];
  const frames: StreamFrame[] = [];
  let soFar = 0;
  pieces.forEach((text, i) => {
    const last = i === pieces.length - 1;
    soFar = last ? usage.outputTokens : soFar + countWords(text);
    const data = JSON.stringify(chunk([answer.type === 'text' ? { text } : whole], soFar, last));
    frames.push(last ? { data, usage } : { data });
  });
  if (ctx.query.get('alt') === 'sse') return ctx.stream('sse', frames);
  // Without alt=sse the API streams one JSON array of the same chunks.
  ctx.json(`[${frames.map((frame) => frame.data).join(',\r\n')}]`, usage);
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
