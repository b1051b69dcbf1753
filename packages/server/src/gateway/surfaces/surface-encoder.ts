import type { LanguageModelV3GenerateResult, LanguageModelV3StreamPart } from '@ai-sdk/provider';

/** One server-sent event: its data (JSON, or text as is for OpenAI's `[DONE]`) and its name, if any. */
export interface SurfaceEvent {
  event?: string | undefined;
  data: unknown;
  /** Send `data` as it is (a string), not as JSON. */
  raw?: boolean | undefined;
}

/** The error a stream ends with once it has started, as the gateway's error body says it. */
export interface SurfaceStreamError {
  code: string;
  message: string;
  status: number;
}

/**
 * Turns the internal stream (the AI SDK's `LanguageModelV3StreamPart`s) into one surface's server-sent
 * events, part by part as they arrive. One per stream: it remembers which blocks are open.
 */
export interface SurfaceStreamEncoder {
  /** The events for one part (often none, or one). */
  encode(part: LanguageModelV3StreamPart): SurfaceEvent[];
  /** The events that end a stream that broke off after it started. */
  fail(error: SurfaceStreamError): SurfaceEvent[];
}

/** A whole answer: what `doGenerate` returns, the part the encoders read. */
export type SurfaceAnswer = Pick<
  LanguageModelV3GenerateResult,
  'content' | 'finishReason' | 'usage' | 'providerMetadata'
>;

/** Who answered: the Switchboard model ID, the answer's ID and creation time. */
export interface SurfaceAnswerMeta {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
}
