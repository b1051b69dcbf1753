import type { LanguageModelUsage } from 'ai';
import type { CallTarget } from './call-target.js';
import { type CallFailure, callWithFallbacks } from './call-with-fallbacks.js';
import { recordCall } from './record-call.js';
import type { Served, TaskCallContext } from './task-call-context.js';
import { toTokenUsage } from './to-token-usage.js';

/**
 * Resolves the task for the caller, calls the model (falling back on retryable errors) and records the
 * usage, successful or not. For whole answers; streams use `streamTaskText`.
 */
export async function runTaskCall<T>(
  context: TaskCallContext,
  call: (target: CallTarget) => Promise<{ value: T; usage: LanguageModelUsage | undefined }>,
): Promise<Served<T>> {
  const { app, request } = context;
  const startedAt = Date.now();
  const started = performance.now();
  const userId = request.principal.userId;
  const resolution = await app.resolver.resolve(context.task, { userId, override: context.override });
  let upstreamMs = 0;
  const base = { requestId: request.id, userId, task: context.task, endpoint: context.endpoint, startedAt };
  try {
    const outcome = await callWithFallbacks(app, resolution, async (target) => {
      const callStarted = performance.now();
      try {
        return await call(target);
      } finally {
        upstreamMs += performance.now() - callStarted;
      }
    });
    const usage = toTokenUsage(outcome.value.usage);
    const { target } = outcome;
    const cost = recordCall(app, { ...base, model: target.model, provider: target.provider, usage, status: 'ok' });
    return {
      value: outcome.value.value,
      resolution,
      target,
      usage,
      cost,
      fallback: outcome.fallback,
      overheadMs: Math.max(0, performance.now() - started - upstreamMs),
    };
  } catch (error) {
    const failure = (error as { failure?: CallFailure }).failure;
    const model = failure?.target?.model ?? resolution.model;
    recordCall(app, {
      ...base,
      model,
      provider: model.slice(0, model.indexOf(':')),
      usage: undefined,
      status: 'error',
      errorCode: failure?.error.code ?? 'internal',
    });
    throw error;
  }
}
