import { z } from 'zod';
import { resolutionSourceSchema } from './resolution-schemas.js';

/** One chat message; what every provider kind accepts. */
export const chatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

/** Tokens of one call, snake_case like the rest of the API. */
export const usageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_read_tokens: z.number().optional(),
  reasoning_tokens: z.number().optional(),
});

/** Present when the resolved model failed and a fallback answered. */
export const fallbackInfoSchema = z.object({
  from: z.string(),
  attempts: z.array(z.object({ model: z.string(), code: z.string(), message: z.string() })),
});

/** What every answer served by a model carries besides its content. */
export const servedBySchema = z.object({
  model: z.string(),
  source: resolutionSourceSchema,
  usage: usageSchema,
  /** USD; null when the model's price is unknown (never 0 for unknown). */
  cost: z.number().nullable(),
  fallback: fallbackInfoSchema.optional(),
});

const samplingFields = {
  /** A model ID that overrides the user's choice and the defaults. */
  model: z.string().min(1).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().positive().optional(),
};

/** `POST /v1/ai/chat/completion` (task `chat`, or `?task=`). */
export const chatCompletionBodySchema = z.strictObject({
  messages: z.array(chatMessageSchema).min(1),
  ...samplingFields,
});

export const chatCompletionResponseSchema = servedBySchema.extend({
  message: z.object({ role: z.literal('assistant'), content: z.string() }),
});

/** `POST /v1/tasks/:task/generate`: `messages` or `prompt`; with `schema` (a JSON Schema) the answer is an object. */
export const generateBodySchema = z
  .strictObject({
    messages: z.array(chatMessageSchema).min(1).optional(),
    prompt: z.string().min(1).optional(),
    system: z.string().optional(),
    schema: z.record(z.string(), z.unknown()).optional(),
    ...samplingFields,
  })
  .refine((body) => (body.messages === undefined) !== (body.prompt === undefined), {
    message: 'expected exactly one of "messages" or "prompt"',
  });

export const generateResponseSchema = servedBySchema.extend({
  text: z.string().optional(),
  object: z.unknown().optional(),
});

export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ApiUsage = z.infer<typeof usageSchema>;
export type ChatCompletionBody = z.infer<typeof chatCompletionBodySchema>;
export type ChatCompletionResponse = z.infer<typeof chatCompletionResponseSchema>;
export type GenerateBody = z.infer<typeof generateBodySchema>;
export type GenerateResponse = z.infer<typeof generateResponseSchema>;
