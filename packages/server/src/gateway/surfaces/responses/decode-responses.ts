import type { JSONSchema7, LanguageModelV3FunctionTool, LanguageModelV3ToolChoice } from '@ai-sdk/provider';
import { z } from 'zod';
import { refuseField } from '../../../errors/refuse-field.js';
import { decodeJsonFormat } from '../shared/decode-json-schema-format.js';
import { defined } from '../shared/defined.js';
import { parseSurfaceBody } from '../shared/parse-surface-body.js';
import { needsOf, type SurfaceCall, type SurfaceCallOptions } from '../surface-call.js';
import { decodeResponseInput } from './decode-response-input.js';

const functionToolSchema = z.object({
  type: z.literal('function'),
  name: z.string().min(1),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), name: z.string().min(1) }),
]);

const bodySchema = z.looseObject({
  model: z.string(),
  input: z.unknown(),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  tools: z.array(z.looseObject({ type: z.string() })).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .looseObject({ format: z.looseObject({ type: z.string() }).nullish(), verbosity: z.unknown().optional() })
    .nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(['minimal', 'low', 'medium', 'high']).nullish(),
      summary: z.unknown().optional(),
    })
    .nullish(),
  max_output_tokens: z.int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  previous_response_id: z.string().nullish(),
});

const READ = new Set(Object.keys(bodySchema.shape));
/**
 * Accepted and not sent on: about the caller (`user`, `metadata`, `safety_identifier`), storage (this
 * gateway stores no responses), what to include (`reasoning.encrypted_content` is always there).
 */
const HARMLESS = new Set([
  'user',
  'metadata',
  'store',
  'service_tier',
  'safety_identifier',
  'prompt_cache_key',
  'include',
  'truncation',
]);

function decodeTools(raw: z.infer<typeof bodySchema>['tools']): LanguageModelV3FunctionTool[] | undefined {
  if (!raw?.length) return undefined;
  return raw.map((entry, index) => {
    if (entry.type !== 'function') {
      throw refuseField(
        `tools[${index}].type`,
        `"${entry.type}" is one of OpenAI's hosted tools, which only OpenAI runs: send function tools.`,
      );
    }
    const tool = parseSurfaceBody(functionToolSchema, entry, `tools[${index}]`);
    return {
      type: 'function',
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      inputSchema: (tool.parameters ?? { type: 'object', properties: {} }) as JSONSchema7,
      ...(typeof tool.strict === 'boolean' ? { strict: tool.strict } : {}),
    };
  });
}

function decodeToolChoice(
  choice: z.infer<typeof toolChoiceSchema> | null | undefined,
): LanguageModelV3ToolChoice | undefined {
  if (!choice) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.name };
}

/**
 * Decodes an OpenAI Responses request into the one internal call: `instructions` and `input` items,
 * function tools, `tool_choice`, `parallel_tool_calls`, `text.format` (JSON schema or JSON object),
 * `reasoning.effort`, `max_output_tokens` and the sampling settings. `previous_response_id` needs stored
 * responses, which this gateway does not keep: a 400 that says to send the conversation in `input`.
 * Hosted tools, background runs and unknown fields are refused by name.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */
export function decodeResponses(raw: Record<string, unknown>): SurfaceCall {
  const body = parseSurfaceBody(bodySchema, raw);
  if (body.previous_response_id) {
    throw refuseField(
      'previous_response_id',
      'needs stored responses, which this gateway does not keep: send the whole conversation in "input" (with store: false, as stateless clients do).',
    );
  }
  for (const [field, value] of Object.entries(raw)) {
    if (READ.has(field) || HARMLESS.has(field) || value === null || value === undefined) continue;
    throw refuseField(field, 'has no translation: leave it out.');
  }
  const tools = decodeTools(body.tools);
  if (!tools && body.tool_choice && body.tool_choice !== 'none' && body.tool_choice !== 'auto') {
    throw refuseField('tool_choice', 'asks for a tool call, but "tools" offers none.');
  }
  const format = body.text?.format;
  const responseFormat = decodeJsonFormat(format, 'text.format');
  const options: SurfaceCallOptions = {
    prompt: decodeResponseInput(body.input, body.instructions ?? undefined),
    ...(tools ? { tools } : {}),
    ...(tools && body.tool_choice ? { toolChoice: decodeToolChoice(body.tool_choice) } : {}),
    ...(responseFormat ? { responseFormat } : {}),
    ...defined({
      maxOutputTokens: body.max_output_tokens,
      temperature: body.temperature,
      topP: body.top_p,
    }),
  };
  return {
    options,
    controls: {
      ...(body.reasoning?.effort
        ? { reasoning: { effort: body.reasoning.effort, field: 'reasoning.effort' } }
        : {}),
      ...(typeof body.parallel_tool_calls === 'boolean' && tools
        ? { parallelToolCalls: { allowed: body.parallel_tool_calls, field: 'parallel_tool_calls' } }
        : {}),
    },
    needs: needsOf(options),
    stream: body.stream === true,
  };
}
