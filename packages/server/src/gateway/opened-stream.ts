import type { ApiErrorBody, TokenUsage } from '@switchboard/core';
import type { StreamSink } from '../http/stream-sink.js';
import type { CallTarget } from './call-target.js';
import type { Served } from './task-call-context.js';

/** What a stream that stopped without saying why (a clean EOF mid-answer) ends with, on every surface. */
export const CUT_STREAM_MESSAGE =
  'the stream ended before the answer finished (no finish reason): the answer is incomplete';

/** A streamed answer as its final event sees it: the text, usage and cost, and why the model stopped. */
export interface StreamServed extends Served<string> {
  /** The AI SDK's finish reason (`stop`, `length`, ...), when the stream said. */
  finishReason?: string | undefined;
  /** The parsed, validated object, when the call asked for one (a schema). */
  object?: unknown;
}

/** How the upstream answer ended: whole, with its usage (undefined when it reported none), or broken off. */
export type RelayEnd =
  | {
      ok: true;
      text: string;
      usage: TokenUsage | undefined;
      finishReason?: string | undefined;
      object?: unknown;
    }
  | { ok: false; error: unknown };

/**
 * A stream opened upstream and read up to its first content, with nothing sent yet: until then a failure
 * can still give way to a fallback. How it is relayed and framed is the opener's business (AI SDK text
 * deltas in a route's format, or OpenAI chunks passed through).
 */
export interface OpenedStream {
  /** Upstream headers to pass on with the answer (`retry-after`, `x-ratelimit-*`). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Sends the content to the sink as it arrives; resolves when the upstream answer ends. Never rejects. */
  relay(sink: StreamSink): Promise<RelayEnd>;
  /** Ends a stream that finished: the final event, with usage and cost. */
  done(sink: StreamSink, served: StreamServed): void;
  /** Ends a stream that broke off after it started. */
  error(sink: StreamSink, body: ApiErrorBody): void;
}

/** Opens a stream on one model; what `callWithFallbacks` runs per candidate. */
export type StreamOpener = (target: CallTarget, signal: AbortSignal) => Promise<OpenedStream>;
