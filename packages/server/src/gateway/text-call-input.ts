import type { ModelMessage } from 'ai';
import type { z } from 'zod';

/** Sampling settings beyond temperature and length, for the OpenAI-compatible route. */
export interface TextCallSettings {
  topP?: number | undefined;
  stopSequences?: string[] | undefined;
  seed?: number | undefined;
  presencePenalty?: number | undefined;
  frequencyPenalty?: number | undefined;
}

/** One text (or structured) call to a model, as a route asks for it: prompt or messages, and settings. */
export interface TextCallInput {
  system?: string | undefined;
  /** The conversation, in the AI SDK's message shape; else `prompt`. */
  messages?: ModelMessage[] | undefined;
  prompt?: string | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
  settings?: TextCallSettings | undefined;
  /**
   * Structured output (OpenAI's `response_format`, a task's `schema`): the answer's text is JSON, for this
   * schema when one is given (a JSON Schema, or a zod schema of the server's own). Each provider does it its
   * own way (Anthropic's JSON tool, Gemini's `responseSchema`).
   */
  output?:
    | { schema?: Record<string, unknown> | z.ZodType | undefined; name?: string | undefined }
    | undefined;
}
