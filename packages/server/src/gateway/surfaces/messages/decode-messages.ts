import type { JSONSchema7, LanguageModelV3FunctionTool, LanguageModelV3ToolChoice } from '@ai-sdk/provider';
import { z } from 'zod';
import { refuseField } from '../../../errors/refuse-field.js';
import { defined } from '../shared/defined.js';
import { parseSurfaceBody } from '../shared/parse-surface-body.js';
import { needsOf, type SurfaceCall, type SurfaceCallOptions } from '../surface-call.js';
import { decodeMessageContent, decodeSystem } from './decode-message-content.js';

const toolSchema = z.looseObject({
  type: z.literal('custom').optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
});

const toolChoiceSchema = z.object({
  type: z.enum(['auto', 'any', 'tool', 'none']),
  name: z.string().min(1).optional(),
  disable_parallel_tool_use: z.boolean().optional(),
});

const thinkingSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('enabled'), budget_tokens: z.int().min(1024) }),
  z.object({ type: z.literal('disabled') }),
]);

const bodySchema = z.looseObject({
  model: z.string(),
  max_tokens: z.int().positive(),
  messages: z.unknown(),
  system: z.unknown().optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.int().positive().optional(),
  stop_sequences: z.array(z.string()).optional(),
  tools: z.array(z.looseObject({ name: z.string(), type: z.string().optional() })).optional(),
  tool_choice: toolChoiceSchema.optional(),
  thinking: thinkingSchema.optional(),
});

const READ = new Set(Object.keys(bodySchema.shape));
/** About the caller or Anthropic's own service, with no effect on the answer: accepted, not sent on. */
const HARMLESS = new Set(['metadata', 'service_tier']);

function decodeTools(raw: z.infer<typeof bodySchema>['tools']): LanguageModelV3FunctionTool[] | undefined {
  if (!raw?.length) return undefined;
  return raw.map((entry, index) => {
    if (entry.type !== undefined && entry.type !== 'custom') {
      throw refuseField(
        `tools[${index}].type`,
        `"${entry.type}" is one of Anthropic's server tools, which only Anthropic runs.`,
      );
    }
    const tool = parseSurfaceBody(toolSchema, entry, `tools[${index}]`);
    return {
      type: 'function',
      name: tool.name,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      inputSchema: tool.input_schema as JSONSchema7,
    };
  });
}

function decodeToolChoice(
  choice: z.infer<typeof toolChoiceSchema> | undefined,
): LanguageModelV3ToolChoice | undefined {
  if (!choice) return undefined;
  if (choice.type === 'any') return { type: 'required' };
  if (choice.type === 'tool') {
    if (!choice.name) throw refuseField('tool_choice.name', 'is required when tool_choice.type is "tool".');
    return { type: 'tool', toolName: choice.name };
  }
  return { type: choice.type };
}

/**
 * Decodes an Anthropic Messages request into the one internal call, for a provider that does not speak
 * Messages itself: `system`, messages, custom tools, `tool_choice` (`any` is required, `none`, a named
 * tool, `disable_parallel_tool_use`), `thinking` (its budget becomes each provider's reasoning control),
 * `max_tokens` and the sampling settings. Server tools, MCP servers and unknown fields are refused by name.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function decodeMessages(raw: Record<string, unknown>): SurfaceCall {
  const body = parseSurfaceBody(bodySchema, raw);
  for (const [field, value] of Object.entries(raw)) {
    if (READ.has(field) || HARMLESS.has(field) || value === null || value === undefined) continue;
    throw refuseField(
      field,
      'has no translation for this model: leave it out, or choose a model of an Anthropic provider.',
    );
  }
  const tools = decodeTools(body.tools);
  if (!tools && body.tool_choice && body.tool_choice.type !== 'none' && body.tool_choice.type !== 'auto') {
    throw refuseField('tool_choice', 'asks for a tool call, but "tools" offers none.');
  }
  const options: SurfaceCallOptions = {
    prompt: [...decodeSystem(body.system), ...decodeMessageContent(body.messages)],
    maxOutputTokens: body.max_tokens,
    ...(tools ? { tools } : {}),
    ...(tools && body.tool_choice ? { toolChoice: decodeToolChoice(body.tool_choice) } : {}),
    ...defined({
      temperature: body.temperature,
      topP: body.top_p,
      topK: body.top_k,
      stopSequences: body.stop_sequences,
    }),
  };
  const thinking = body.thinking?.type === 'enabled' ? body.thinking : undefined;
  return {
    options,
    controls: {
      ...(thinking ? { reasoning: { budgetTokens: thinking.budget_tokens, field: 'thinking' } } : {}),
      ...(tools && body.tool_choice?.disable_parallel_tool_use !== undefined
        ? {
            parallelToolCalls: {
              allowed: !body.tool_choice.disable_parallel_tool_use,
              field: 'tool_choice.disable_parallel_tool_use',
            },
          }
        : {}),
    },
    needs: needsOf(options),
    stream: body.stream === true,
  };
}
