import { z } from 'zod';

/**
 * Schemas of the OpenAI-compatible API. Request bodies accept OpenAI's whole surface (`.loose()`): what
 * Switchboard reads is checked strictly, the rest goes to OpenAI-format upstreams untouched, and a field a
 * translated upstream cannot honour is refused by name (see `convertOpenAiRequest`). Answers are documented
 * leniently: a passed-through answer is the provider's own.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */

/** A model ID (`openai:gpt-4o-mini`) or `task:<task>` (the model the task resolves to for the caller). */
const modelField = z
  .string()
  .min(1)
  .describe(
    'A model ID (`openai:gpt-4o-mini`) or `task:<task>`, resolved for the caller like the task endpoints',
  );

/** One message: `content` a string or parts (`text`, `image_url`); tool messages pass through only. */
export const openAiMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).nullish(),
});

/** `POST /v1/chat/completions`. */
export const openAiChatBodySchema = z.looseObject({
  model: modelField,
  messages: z.array(openAiMessageSchema).min(1),
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
  n: z.int().positive().nullish(),
});

/** `POST /v1/embeddings`. */
export const openAiEmbeddingsBodySchema = z.looseObject({
  model: modelField,
  input: z.union([
    z.string(),
    z.array(z.string()).min(1),
    z.array(z.int()).min(1),
    z.array(z.array(z.int()).min(1)).min(1),
  ]),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.int().positive().nullish(),
});

export type OpenAiChatBody = z.infer<typeof openAiChatBodySchema>;
export type OpenAiEmbeddingsBody = z.infer<typeof openAiEmbeddingsBodySchema>;
export type OpenAiMessage = z.infer<typeof openAiMessageSchema>;

const usageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number().optional(),
  total_tokens: z.number(),
});

/** A `chat.completion` (whole answer); `model` is the Switchboard model ID that served it. */
export const openAiChatResponseSchema = z.looseObject({
  id: z.string().optional(),
  object: z.string().optional(),
  created: z.number().optional(),
  model: z.string(),
  choices: z.array(z.looseObject({})).optional(),
  usage: usageSchema.nullish(),
});

/** An embeddings list; `model` is the Switchboard model ID that served it. */
export const openAiEmbeddingsResponseSchema = z.looseObject({
  object: z.string().optional(),
  data: z.array(z.looseObject({})),
  model: z.string(),
  usage: usageSchema.nullish(),
});

/** `GET /v1/models`: every registered model ID of a configured provider, and `task:<name>` for every task. */
export const openAiModelListSchema = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({ id: z.string(), object: z.literal('model'), created: z.number(), owned_by: z.string() }),
  ),
});
