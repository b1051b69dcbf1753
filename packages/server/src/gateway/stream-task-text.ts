import type { ModelMessage, TextStreamPart, ToolSet } from 'ai';
import { streamText } from 'ai';
import { toErrorBody } from '../plugins/error-handler-plugin.js';
import type { SseWriter } from '../http/open-sse.js';
import { modelHeaders } from '../http/model-headers.js';
import type { CallTarget } from './call-target.js';
import { type CallFailure, type CallOutcome, callWithFallbacks } from './call-with-fallbacks.js';
import { mapCallError } from './map-call-error.js';
import { recordCall } from './record-call.js';
import type { Served, TaskCallContext } from './task-call-context.js';
import { toTokenUsage } from './to-token-usage.js';

export interface TextCallInput {
  system?: string | undefined;
  messages?: ModelMessage[] | undefined;
  prompt?: string | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
}

/** How a route frames the stream: its own events (`delta`/`done`) or OpenAI's chunks. */
export interface TextStreamFormat {
  delta(sse: SseWriter, text: string, target: CallTarget): void;
  done(sse: SseWriter, served: Served<string>): void;
  error(sse: SseWriter, body: ReturnType<typeof toErrorBody>['body']): void;
}

type Part = TextStreamPart<ToolSet>;

/**
 * Streams a text answer as server-sent events. The stream is opened, and read up to the first token, before
 * anything is sent: until then a failing model can still give way to a fallback, and a failure of every
 * model is answered as a plain JSON error. Each token is written as it arrives; usage and cost come in the
 * final event; a client that goes away aborts the upstream call.
 */
export async function streamTaskText(
  context: TaskCallContext,
  sse: SseWriter,
  input: TextCallInput,
  format: TextStreamFormat,
): Promise<void> {
  const { app, request } = context;
  const startedAt = Date.now();
  const userId = request.principal.userId;
  const resolution = await app.resolver.resolve(context.task, { userId, override: context.override });
  const base = { requestId: request.id, userId, task: context.task, endpoint: context.endpoint, startedAt };
  const started = performance.now();
  let upstreamMs = 0;
  const open = async (target: CallTarget) => {
    const callStarted = performance.now();
    try {
      return await callOnce(target, input, sse.signal);
    } finally {
      upstreamMs += performance.now() - callStarted;
    }
  };
  let served: CallOutcome<Awaited<ReturnType<typeof callOnce>>>;
  try {
    // Fallbacks only while nothing has been sent, which `open` guarantees by reading ahead to the first token.
    served = await callWithFallbacks(app, resolution, open);
  } catch (error) {
    const failure = (error as { failure?: CallFailure }).failure;
    const model = failure?.target?.model ?? resolution.model;
    recordCall(app, { ...base, model, provider: model.slice(0, model.indexOf(':')), usage: undefined, status: 'error', errorCode: failure?.error.code });
    throw error;
  }

  const { target, value: outcome } = served;
  const overheadMs = Math.max(0, performance.now() - started - upstreamMs);
  sse.start(
    modelHeaders({ model: target.model, source: resolution.source, overheadMs, fallbackFrom: served.fallback?.from }),
  );
  let text = '';
  for (const delta of outcome.buffered) {
    text += delta;
    format.delta(sse, delta, target);
  }
  let finish: Extract<Part, { type: 'finish' }> | undefined = outcome.finish;
  let failed: unknown;
  try {
    while (!finish) {
      const next = await outcome.iterator.next();
      if (next.done) break;
      const part = next.value;
      if (part.type === 'text-delta') {
        text += part.text;
        format.delta(sse, part.text, target);
      } else if (part.type === 'error') {
        failed = part.error;
        break;
      } else if (part.type === 'finish') {
        finish = part;
      }
    }
  } catch (error) {
    failed = error;
  }

  if (!sse.open) {
    recordCall(app, { ...base, model: target.model, provider: target.provider, usage: undefined, status: 'aborted' });
    sse.end();
    return;
  }
  if (failed || !finish) {
    const mapped = mapCallError(failed ?? new Error('the stream ended without finishing'), target.provider);
    recordCall(app, { ...base, model: target.model, provider: target.provider, usage: undefined, status: 'error', errorCode: mapped.code });
    format.error(sse, toErrorBody(mapped, request.id).body);
    sse.end();
    return;
  }
  const usage = toTokenUsage(finish.totalUsage);
  const cost = recordCall(app, { ...base, model: target.model, provider: target.provider, usage, status: 'ok' });
  format.done(sse, { value: text, resolution, target, usage, cost, fallback: served.fallback, overheadMs });
  sse.end();
}

/** Opens the stream and reads up to the first token; an error before it is thrown, so a fallback can run. */
async function callOnce(target: CallTarget, input: TextCallInput, signal: AbortSignal) {
  const result = streamText({
    model: target.kind.languageModel(target.runtime, target.name),
    system: input.system,
    ...(input.messages ? { messages: input.messages } : { prompt: input.prompt ?? '' }),
    temperature: input.temperature,
    maxOutputTokens: input.maxOutputTokens,
    maxRetries: 0,
    abortSignal: signal,
    // Errors arrive as stream parts and are answered; the default handler would also print them.
    onError: () => {},
  });
  const iterator = result.fullStream[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let finish: Extract<Part, { type: 'finish' }> | undefined;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const part = next.value;
    if (part.type === 'error') throw part.error;
    if (part.type === 'text-delta') {
      buffered.push(part.text);
      break;
    }
    if (part.type === 'finish') {
      finish = part;
      break;
    }
  }
  return { iterator, buffered, finish };
}
