/**
 * Reads a Gemini `generateContent` request as the API does: known fields only (camelCase or the proto's
 * snake_case), roles and parts checked (a `functionResponse` turn right after the `functionCall` turn it
 * answers, part for part), `inlineData` that decodes, function declarations and `toolConfig` well
 * formed, the thinking rules; then what the answer depends on.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/gemini-api/docs/function-calling
 */
import {
  type AnswerRequest,
  type MockTool,
  type MockToolChoice,
  type MockToolResult,
  thoughtAbout,
} from './answer.js';
import type { MockContext } from './context.js';
import { decodeBase64 } from './images.js';
import { asArray, asNumber, asRecord, asString, type JsonRecord, textsOf } from './json-values.js';
import type { CachedPrompt } from './prompt-cache.js';
import { refuse } from './request-error.js';
import { countWordsIn } from './tokens.js';

/** The request's top-level fields, by their JSON (camelCase) names. */
const FIELDS = [
  'contents',
  'systemInstruction',
  'safetySettings',
  'tools',
  'toolConfig',
  'cachedContent',
  'generationConfig',
  'labels',
  'serviceTier',
  'continuationToken',
];
const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;
const MODES = ['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED'];
/** Models that only work in thinking mode. */
const ALWAYS_THINKING = /^gemini-2\.5-pro/;

/** A read Gemini request. */
export interface GeminiCall {
  answer: AnswerRequest;
  inputTokens: number;
  prompt: CachedPrompt;
  /** Whether thought parts are shown (`includeThoughts`). */
  showThoughts: boolean;
}

/** Fields whose values are free JSON (arguments, results, schemas): their keys are the caller's own. */
const FREE_VALUES = new Set([
  'args',
  'response',
  'parameters',
  'parametersJsonSchema',
  'responseSchema',
  'responseJsonSchema',
  'response_schema',
  'response_json_schema',
  'parameters_json_schema',
  'labels',
]);

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Proto JSON takes snake_case names as well as camelCase ones, at every level: reads them as camelCase. */
function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonRecord = {};
  for (const [key, child] of Object.entries(value))
    out[camel(key)] = FREE_VALUES.has(key) ? child : camelKeys(child);
  return out;
}

/** The body with every name in camelCase; an unknown top-level name is refused, as the API does. */
export function normalizeGeminiBody(body: JsonRecord): JsonRecord {
  for (const key of Object.keys(body))
    if (!FIELDS.includes(camel(key)))
      refuse(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  return camelKeys(body) as JsonRecord;
}

/** Reads and checks a generateContent request for `model`; throws a `MockRequestError` when refused. */
export function readGeminiCall(ctx: MockContext, model: string, raw: JsonRecord): GeminiCall {
  const body = normalizeGeminiBody(raw);
  if (!ctx.models.includes(model))
    refuse(
      `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
      { status: 404 },
    );
  if (!Array.isArray(body.contents) || body.contents.length === 0)
    refuse('* GenerateContentRequest.contents: contents is not specified');
  const tools = readTools(body.tools);
  const config = asRecord(body.generationConfig);
  const thinking = readThinking(model, asRecord(config.thinkingConfig));
  const system = textsOf(asRecord(body.systemInstruction).parts);
  const conversation = readContents(body.contents, system);
  const schema =
    config.responseMimeType === 'application/json'
      ? (config.responseJsonSchema ?? config.responseSchema ?? {})
      : undefined;
  const answer: AnswerRequest = {
    ...conversation.answer,
    tools,
    toolChoice: readToolChoice(body, tools),
    schema,
    offSchema: ctx.offSchema,
    maxOutputTokens: asNumber(config.maxOutputTokens),
    ...(thinking.on && { reasoning: { text: thoughtAbout(conversation.answer) } }),
  };
  return {
    answer,
    inputTokens: countWordsIn(conversation.texts),
    prompt: {
      scope: `google:${model}`,
      parts: [body.tools ?? null, body.systemInstruction ?? null, ...body.contents],
      tokensUpTo: [0, countWordsIn(system), ...conversation.tokensUpTo],
    },
    showThoughts: thinking.on && thinking.show,
  };
}

function readThinking(model: string, config: JsonRecord): { on: boolean; show: boolean } {
  const budget = asNumber(config.thinkingBudget);
  if (budget === 0 && ALWAYS_THINKING.test(model))
    refuse('Budget 0 is invalid. This model only works in thinking mode.');
  const asked = Object.keys(config).length > 0;
  return { on: asked && budget !== 0, show: config.includeThoughts === true };
}

function readTools(raw: unknown): MockTool[] {
  const tools: MockTool[] = [];
  asArray(raw).forEach((value, i) => {
    asArray(asRecord(value).functionDeclarations).forEach((declaration, j) => {
      const fn = asRecord(declaration);
      const at = `tools[${i}].function_declarations[${j}]`;
      const name = asString(fn.name);
      if (!name || !FUNCTION_NAME.test(name))
        refuse(
          `* GenerateContentRequest.${at}.name: Invalid function name. Must start with a letter or an underscore. Must be a-z, A-Z, 0-9, or contain underscores, dots, colons and dashes, with a maximum length of 64.`,
        );
      if (fn.parameters !== undefined && fn.parametersJsonSchema !== undefined)
        refuse(`* GenerateContentRequest.${at}: parameters and parameters_json_schema cannot both be set.`);
      const parameters = asRecord(fn.parameters);
      if (
        fn.parameters !== undefined &&
        String(parameters.type).toUpperCase() === 'OBJECT' &&
        Object.keys(asRecord(parameters.properties)).length === 0
      )
        refuse(`* GenerateContentRequest.${at}.parameters.properties: should be non-empty for OBJECT type`);
      tools.push({ name, schema: fn.parametersJsonSchema ?? fn.parameters ?? { type: 'object' } });
    });
  });
  return tools;
}

/** `toolConfig.functionCallingConfig`: `AUTO`, `ANY` (optionally `allowedFunctionNames`), `NONE`. */
function readToolChoice(body: JsonRecord, tools: readonly MockTool[]): MockToolChoice {
  const config = asRecord(asRecord(body.toolConfig).functionCallingConfig);
  const mode = config.mode ?? 'AUTO';
  if (!MODES.includes(String(mode)))
    refuse(
      `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(mode)}"`,
    );
  const allowed = asArray(config.allowedFunctionNames).map(String);
  if (allowed.length > 0 && mode !== 'ANY')
    refuse(
      '* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: allowed_function_names may only be set when mode is ANY.',
    );
  for (const name of allowed)
    if (!tools.some((tool) => tool.name === name))
      refuse(
        `* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: function '${name}' is not declared in tools.`,
      );
  if (mode === 'NONE') return 'none';
  if (mode !== 'ANY') return 'auto';
  return allowed[0] !== undefined && allowed.length === 1 ? { name: allowed[0] } : 'required';
}

interface Conversation {
  answer: Pick<AnswerRequest, 'lastUserText' | 'images' | 'toolResults'>;
  texts: string[];
  tokensUpTo: number[];
}

function readContents(contents: unknown[], system: string[]): Conversation {
  const texts = [...system];
  const tokensUpTo: number[] = [];
  let lastUserText = '';
  let images: string[] = [];
  let results: MockToolResult[] = [];
  // Function calls of the previous turn, when it was a model turn that made some.
  let calls = 0;
  let previous: 'user' | 'model' | 'results' | undefined;
  contents.forEach((raw, i) => {
    const content = asRecord(raw);
    const role = content.role ?? 'user';
    if (role !== 'user' && role !== 'model') refuse('Please use a valid role: user, model.');
    const parts = asArray(content.parts).map(asRecord);
    if (parts.length === 0)
      refuse(`* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`);
    const own = textsOf(parts.filter((part) => part.thought !== true));
    texts.push(...own);
    tokensUpTo.push(countWordsIn(texts));
    const responses = parts.filter((part) => part.functionResponse !== undefined);
    const madeCalls = parts.filter((part) => part.functionCall !== undefined).length;
    if (responses.length > 0) {
      if (previous !== 'model' || calls === 0)
        refuse('Please ensure that function response turn comes immediately after a function call turn.');
      if (responses.length !== calls)
        refuse(
          'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.',
        );
      results = responses.map((part) => resultOf(asRecord(part.functionResponse)));
      previous = 'results';
    } else if (role === 'model') {
      if (madeCalls > 0 && previous === 'model')
        refuse(
          'Please ensure that function call turn comes immediately after a user turn or after a function response turn.',
        );
      previous = 'model';
    } else {
      lastUserText = own.join(' ');
      images = imagesOf(parts, i);
      results = [];
      previous = 'user';
    }
    calls = role === 'model' ? madeCalls : 0;
  });
  return {
    answer: { lastUserText, images, ...(previous === 'results' && { toolResults: results }) },
    texts,
    tokensUpTo,
  };
}

/** A result quoted by its `id` (else the function's name): `response.content` if text, else the JSON. */
function resultOf(response: JsonRecord): MockToolResult {
  const payload = asRecord(response.response);
  const text =
    typeof payload.content === 'string' ? payload.content : JSON.stringify(response.response ?? {});
  return { id: asString(response.id) ?? String(response.name), text };
}

/** Media types of a user turn's image parts (`inlineData` that must decode; `fileData` counts as `url`). */
function imagesOf(parts: JsonRecord[], i: number): string[] {
  const types: string[] = [];
  parts.forEach((part, j) => {
    const inline = part.inlineData;
    if (inline !== undefined) {
      const data = asRecord(inline);
      const mimeType = asString(data.mimeType);
      if (!mimeType)
        refuse(
          `* GenerateContentRequest.contents[${i}].parts[${j}].inline_data.mime_type: mime_type is not specified`,
        );
      const text = String(data.data ?? '');
      if (!decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/')))
        refuse(
          `Invalid value at 'contents[${i}].parts[${j}].inline_data.data' (TYPE_BYTES), Base64 decoding failed for "${text.slice(0, 40)}"`,
        );
      if (mimeType.startsWith('image/')) types.push(mimeType);
    }
    if (String(asRecord(part.fileData).mimeType).startsWith('image/')) types.push('url');
  });
  return types;
}
