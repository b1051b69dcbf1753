import type { TokenUsage } from '@switchboard/core';
import type { FastifyReply } from 'fastify';
import { clientAbortSignal } from '../../http/client-abort-signal.js';
import { openSse } from '../../http/open-sse.js';
import type { CallTarget } from '../call-target.js';
import type { OpenedStream } from '../opened-stream.js';
import { runTaskCall } from '../run-task-call.js';
import { streamWithFallbacks } from '../stream-with-fallbacks.js';
import { servedHeaders, type TaskCallContext } from '../task-call-context.js';
import { generateSurfaceAnswer } from './generate-surface-answer.js';
import { openSurfaceStream } from './open-surface-stream.js';
import type { SurfaceCall } from './surface-call.js';
import type { SurfaceAnswer, SurfaceAnswerMeta, SurfaceStreamEncoder } from './surface-encoder.js';

/** A kind that speaks the surface's own format: the request goes to it as sent, only `model` rewritten. */
export interface NativeSurface {
  serves(target: CallTarget): boolean;
  stream(target: CallTarget, signal: AbortSignal): Promise<OpenedStream>;
  json(
    target: CallTarget,
    signal: AbortSignal,
  ): Promise<{ value: unknown; usage: TokenUsage | undefined; headers?: Record<string, string> }>;
}

/** One surface's side of a call: how its requests decode and its answers encode. */
export interface SurfaceServing {
  context: TaskCallContext;
  reply: FastifyReply;
  stream: boolean;
  /** The decoded request; called only for a candidate answered through the translation. */
  decode(): SurfaceCall;
  /** The answer's ID and time, with the model that serves it. */
  meta(target: CallTarget): SurfaceAnswerMeta;
  createStreamEncoder(meta: SurfaceAnswerMeta): SurfaceStreamEncoder;
  encodeAnswer(answer: SurfaceAnswer, meta: SurfaceAnswerMeta): unknown;
  native?: NativeSurface | undefined;
}

/**
 * Serves one request of a surface: resolves the task for the caller (candidates that lack what the
 * request needs are skipped), then calls each candidate, falling back on retryable errors, the way its
 * kind allows: as sent to a kind that speaks the surface's format, else decoded into the internal call,
 * given to the kind's AI SDK model and encoded back. Streams go out event by event; whole answers as
 * JSON with the `x-switchboard-*` headers and the provider's rate-limit headers. Usage and cost are
 * recorded either way.
 */
export async function serveSurface(serving: SurfaceServing): Promise<unknown> {
  const { context, reply, native } = serving;
  let decoded: SurfaceCall | undefined;
  const call = () => {
    decoded ??= serving.decode();
    return decoded;
  };
  if (serving.stream) {
    await streamWithFallbacks(context, openSse(reply), (target, signal) =>
      native?.serves(target)
        ? native.stream(target, signal)
        : openSurfaceStream(target, call(), signal, serving.createStreamEncoder(serving.meta(target))),
    );
    return reply;
  }
  const signal = clientAbortSignal(reply);
  const served = await runTaskCall<{ body: unknown; headers: Record<string, string> }>(
    context,
    async (target) => {
      if (native?.serves(target)) {
        const answer = await native.json(target, signal);
        return { value: { body: answer.value, headers: answer.headers ?? {} }, usage: answer.usage };
      }
      const generated = await generateSurfaceAnswer(target, call(), signal);
      return {
        value: {
          body: serving.encodeAnswer(generated.value.answer, serving.meta(target)),
          headers: generated.value.headers,
        },
        usage: generated.usage,
      };
    },
  );
  reply.headers(served.value.headers).headers(servedHeaders(served));
  return served.value.body;
}
