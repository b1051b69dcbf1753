import type { JSONSchema7, LanguageModelV3FunctionTool, LanguageModelV3ToolChoice } from '@ai-sdk/provider';
import { z } from 'zod';
import { refuseField } from '../../../errors/refuse-field.js';
import { decodeJsonFormat } from '../shared/decode-json-schema-format.js';
import { defined } from '../shared/defined.js';
import { parseSurfaceBody } from '../shared/parse-surface-body.js';
import { needsOf, type SurfaceCall, type SurfaceCallOptions } from '../surface-call.js';
import { decodeChatMessages } from './decode-chat-messages.js';

const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
]);

/** What the translation reads; every other field is listed below as harmless or refused by name. */
const bodySchema = z.looseObject({
  model: z.string(),
  messages: z.unknown(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.int().positive().nullish(),
  max_completion_tokens: z.int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: z.looseObject({ type: z.string(), json_schema: z.looseObject({}).optional() }).nullish(),
  reasoning_effort: z.enum(['minimal', 'low', 'medium', 'high']).nullish(),
  n: z.int().positive().nullish(),
  logprobs: z.boolean().nullish(),
});

const READ = new Set(Object.keys(bodySchema.shape));
/** About the caller or OpenAI's own bookkeeping, with no effect on the answer: accepted and not sent on. */
const HARMLESS = new Set([
  'user',
  'metadata',
  'store',
  'service_tier',
  'safety_identifier',
  'prompt_cache_key',
]);

/** Function tools as the AI SDK's; an omitted `parameters` is a tool that takes no arguments. */
export function decodeChatTools(tools: z.infer<typeof toolSchema>[] | null | undefined) {
  if (!tools?.length) return undefined;
  return tools.map(
    (tool): LanguageModelV3FunctionTool => ({
      type: 'function',
      name: tool.function.name,
      ...(tool.function.description !== undefined ? { description: tool.function.description } : {}),
      inputSchema: (tool.function.parameters ?? { type: 'object', properties: {} }) as JSONSchema7,
      ...(typeof tool.function.strict === 'boolean' ? { strict: tool.function.strict } : {}),
    }),
  );
}

function decodeToolChoice(
  choice: z.infer<typeof toolChoiceSchema> | null | undefined,
): LanguageModelV3ToolChoice | undefined {
  if (!choice) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.function.name };
}

/**
 * Decodes a Chat Completions request into the one internal call, for a provider that does not speak
 * Chat Completions itself. Reads messages, tools, `tool_choice`, `parallel_tool_calls`, `response_format`,
 * `reasoning_effort` and the sampling settings; a field it cannot carry (several choices, log
 * probabilities, audio, predicted outputs, unknown new fields) is a 400 that names it.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function decodeChatCompletions(raw: Record<string, unknown>): SurfaceCall {
  const body = parseSurfaceBody(bodySchema, raw);
  for (const [field, value] of Object.entries(raw)) {
    if (READ.has(field) || HARMLESS.has(field) || value === null || value === undefined) continue;
    if (field === 'modalities' && Array.isArray(value) && value.every((item) => item === 'text')) continue;
    throw refuseField(
      field,
      'has no translation for this model: leave it out, or choose a model of an OpenAI-format provider.',
    );
  }
  if (body.n !== null && body.n !== undefined && body.n !== 1) {
    throw refuseField('n', 'must be 1: several choices have no translation for this model.');
  }
  if (body.logprobs) throw refuseField('logprobs', 'has no translation for this model.');
  const tools = decodeChatTools(body.tools);
  if (!tools && body.tool_choice && body.tool_choice !== 'none' && body.tool_choice !== 'auto') {
    throw refuseField('tool_choice', 'asks for a tool call, but "tools" offers none.');
  }
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? undefined);
  const format = body.response_format;
  const responseFormat = decodeJsonFormat(
    format?.type === 'json_schema' ? { type: format.type, ...format.json_schema } : format,
    format?.type === 'json_schema' ? 'response_format.json_schema' : 'response_format',
  );
  const options: SurfaceCallOptions = {
    prompt: decodeChatMessages(body.messages),
    ...(tools ? { tools } : {}),
    ...(tools && body.tool_choice ? { toolChoice: decodeToolChoice(body.tool_choice) } : {}),
    ...(responseFormat ? { responseFormat } : {}),
    ...defined({
      maxOutputTokens: body.max_completion_tokens ?? body.max_tokens,
      temperature: body.temperature,
      topP: body.top_p,
      stopSequences: stop,
      seed: body.seed,
      presencePenalty: body.presence_penalty,
      frequencyPenalty: body.frequency_penalty,
    }),
  };
  return {
    options,
    controls: {
      ...(body.reasoning_effort
        ? { reasoning: { effort: body.reasoning_effort, field: 'reasoning_effort' } }
        : {}),
      ...(typeof body.parallel_tool_calls === 'boolean' && tools
        ? { parallelToolCalls: { allowed: body.parallel_tool_calls, field: 'parallel_tool_calls' } }
        : {}),
    },
    needs: needsOf(options),
    stream: body.stream === true,
  };
}
