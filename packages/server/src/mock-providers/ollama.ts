/**
 * Ollama's native API: `/api/chat` and `/api/generate` (NDJSON streams unless `stream: false`, the last
 * line `done: true` with `prompt_eval_count`/`eval_count`), `/api/embed`, `/api/tags`, `/api/show`
 * (capabilities and `model_info` with `<family>.context_length`), `/api/version`, the `GET /` health
 * text, and its OpenAI-compatible `/v1` through the OpenAI module.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
 */
import { createHash } from 'node:crypto';
import { type Answer, type MockTool, pickTool, planAnswer } from './answer.js';
import { DEFAULT_DIMENSIONS, isEmbeddingModel } from './catalog.js';
import type { MockContext } from './context.js';
import { createEmbedding } from './embedding.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import { type KindModule, readBearer } from './kind-module.js';
import { createOpenAiModule } from './openai.js';
import { OLLAMA_V1_FLAVOR } from './openai-flavors.js';
import type { StreamFrame } from './sse.js';
import { countWordsIn, splitText, type TokenUsage } from './tokens.js';

const openAiCompatible = createOpenAiModule(OLLAMA_V1_FLAVOR);

/** Mock durations in nanoseconds, per token, so timings look plausible and stay deterministic. */
const NANOS_PER_TOKEN = 1_000_000;
const MODIFIED_AT = '2025-01-01T00:00:00Z';

/** The Ollama module: no auth unless keys are configured, then a bearer token (as behind a proxy). */
export const ollamaModule: KindModule = {
  readApiKey: readBearer,
  authError: () => ({ message: 'unauthorized' }),
  errorBody: (error) => ({ error: error.message }),
  handle(ctx) {
    const { method, path } = ctx.request;
    if (path.startsWith('/v1/')) return openAiCompatible.handle(ctx);
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /':
      case 'HEAD /':
        ctx.res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return void ctx.res.end('Ollama is running');
      case 'POST /api/chat':
        return chat(ctx, 'chat');
      case 'POST /api/generate':
        return chat(ctx, 'generate');
      case 'POST /api/embed':
        return embed(ctx);
      case 'GET /api/tags':
        return ctx.json({ models: ctx.models.map(tagOf) });
      case 'POST /api/show':
        return show(ctx);
      case 'GET /api/version':
        return ctx.json({ version: '0.12.0' });
    }
    ctx.error(404, '404 page not found');
  },
};

/** The request's answer and input tokens, for `/api/chat` (messages) or `/api/generate` (prompt). */
function readRequest(
  body: JsonRecord,
  route: 'chat' | 'generate',
  offSchema = false,
): { answer: Answer; inputTokens: number } {
  const texts = textsOf(body.system);
  let lastUserText = '';
  let endsWithToolResult = false;
  if (route === 'generate') {
    lastUserText = asString(body.prompt) ?? '';
    texts.push(lastUserText);
  } else {
    for (const raw of asArray(body.messages)) {
      const message = asRecord(raw);
      const content = asString(message.content) ?? '';
      texts.push(content);
      endsWithToolResult = message.role === 'tool';
      if (message.role === 'user') lastUserText = content;
    }
  }
  const tools: MockTool[] = asArray(body.tools).flatMap((raw) => {
    const fn = asRecord(asRecord(raw).function);
    const name = asString(fn.name);
    return name ? [{ name, schema: fn.parameters }] : [];
  });
  // `format` is "json" or a JSON Schema. @see https://ollama.com/blog/structured-outputs
  const schema =
    body.format === 'json' ? {} : typeof body.format === 'object' && body.format ? body.format : undefined;
  const tool = pickTool(tools, 'auto', endsWithToolResult);
  return { answer: planAnswer({ lastUserText, schema, tool, offSchema }), inputTokens: countWordsIn(texts) };
}

/** The fields of the final (`done: true`) line. */
function doneFields(usage: TokenUsage, route: 'chat' | 'generate'): JsonRecord {
  const promptNanos = usage.inputTokens * NANOS_PER_TOKEN;
  const evalNanos = usage.outputTokens * NANOS_PER_TOKEN;
  return {
    done: true,
    done_reason: 'stop',
    ...(route === 'generate' && { context: [1, 2, 3] }),
    total_duration: NANOS_PER_TOKEN + promptNanos + evalNanos,
    load_duration: NANOS_PER_TOKEN,
    prompt_eval_count: usage.inputTokens,
    prompt_eval_duration: promptNanos,
    eval_count: usage.outputTokens,
    eval_duration: evalNanos,
  };
}

function chat(ctx: MockContext, route: 'chat' | 'generate') {
  const model = asString(ctx.body.model);
  if (!model) return ctx.error(400, 'model is required');
  if (route === 'chat' && !Array.isArray(ctx.body.messages)) return ctx.error(400, 'messages is required');
  const { answer, inputTokens } = readRequest(ctx.body, route, ctx.offSchema);
  const usage: TokenUsage = { inputTokens, outputTokens: answer.outputTokens };
  const createdAt = new Date(ctx.request.time).toISOString();
  const line = (content: string, toolCalls?: JsonRecord[]): JsonRecord => ({
    model,
    created_at: createdAt,
    ...(route === 'chat'
      ? { message: { role: 'assistant', content, ...(toolCalls && { tool_calls: toolCalls }) } }
      : { response: content }),
  });
  const toolCalls =
    answer.type === 'tool'
      ? [{ function: { index: 0, name: answer.name, arguments: answer.input } }]
      : undefined;
  const text = answer.type === 'text' ? answer.text : '';
  // Streaming is the default: only an explicit `stream: false` gets one JSON object.
  if (ctx.body.stream === false)
    return ctx.json({ ...line(text, toolCalls), ...doneFields(usage, route) }, usage);
  const frames: StreamFrame[] = [];
  if (toolCalls) frames.push({ data: JSON.stringify({ ...line('', toolCalls), done: false }) });
  else
    for (const piece of splitText(text, ctx.chunks))
      frames.push({ data: JSON.stringify({ ...line(piece), done: false }) });
  frames.push({ data: JSON.stringify({ ...line(''), ...doneFields(usage, route) }), usage });
  ctx.stream('ndjson', frames);
}

/** `POST /api/embed` with `input` as a string or strings. */
function embed(ctx: MockContext) {
  const input = ctx.body.input;
  const texts =
    typeof input === 'string' ? [input] : asArray(input).filter((item) => typeof item === 'string');
  if (texts.length === 0) return ctx.error(400, 'invalid input type');
  const dimensions = asNumber(ctx.body.dimensions) ?? DEFAULT_DIMENSIONS.ollama;
  const inputTokens = countWordsIn(texts as string[]);
  ctx.json(
    {
      model: asString(ctx.body.model) ?? 'unknown',
      embeddings: texts.map((text) => createEmbedding(String(text), dimensions)),
      total_duration: NANOS_PER_TOKEN * (1 + inputTokens),
      load_duration: NANOS_PER_TOKEN,
      prompt_eval_count: inputTokens,
    },
    { inputTokens, outputTokens: 0 },
  );
}

/** Facts `/api/tags` and `/api/show` give about a model, derived from its name. */
function factsOf(name: string): {
  family: string;
  contextLength: number;
  parameterSize: string;
  embedding: boolean;
} {
  const embedding = isEmbeddingModel(name);
  const family = embedding ? 'nomic-bert' : (/^[a-z]+/i.exec(name)?.[0]?.toLowerCase() ?? 'llama');
  return {
    family,
    contextLength: embedding ? 2048 : 8192,
    parameterSize: embedding ? '137M' : '8.0B',
    embedding,
  };
}

function detailsOf(name: string): JsonRecord {
  const { family, parameterSize } = factsOf(name);
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    parameter_size: parameterSize,
    quantization_level: 'Q4_0',
  };
}

function tagOf(name: string): JsonRecord {
  const digest = createHash('sha256').update(name).digest('hex');
  return {
    name,
    model: name,
    modified_at: MODIFIED_AT,
    size: 4_661_224_676,
    digest,
    details: detailsOf(name),
  };
}

/** `POST /api/show` with `model` (or the older `name`); 404 for a model the mock does not list. */
function show(ctx: MockContext) {
  const name = asString(ctx.body.model) ?? asString(ctx.body.name) ?? '';
  const listed = ctx.models.find((model) => model === name || model === `${name}:latest`);
  if (!listed) return ctx.error(404, `model '${name}' not found`);
  const { family, contextLength, embedding } = factsOf(listed);
  ctx.json({
    license: '',
    modelfile: `# Modelfile generated by "ollama show"\nFROM ${listed}\n`,
    parameters: 'stop "<|eot_id|>"',
    template: '{{ .Prompt }}',
    details: detailsOf(listed),
    model_info: {
      'general.architecture': family,
      'general.parameter_count': embedding ? 136_727_040 : 8_030_261_248,
      [`${family}.context_length`]: contextLength,
      [`${family}.embedding_length`]: embedding ? DEFAULT_DIMENSIONS.ollama : 4096,
    },
    capabilities: embedding ? ['embedding'] : ['completion', 'tools'],
    modified_at: MODIFIED_AT,
  });
}
