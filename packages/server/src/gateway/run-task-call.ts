import type { TokenUsage } from '@switchboard/core';
import type { CallTarget } from './call-target.js';
import { callWithFallbacks } from './call-with-fallbacks.js';
import { recordFailedUsage, recordUsage } from './record-usage.js';
import { NO_USAGE, type Served, type TaskCallContext } from './task-call-context.js';

/** What one call on one model answers: the value, and the usage as billed (undefined when none was reported). */
export interface TargetAnswer<T> {
  value: T;
  usage: TokenUsage | undefined;
}

/** One call on one candidate model; `runTaskCall` runs it per candidate until one answers. */
export type TargetCall<T> = (target: CallTarget) => Promise<TargetAnswer<T>>;

/**
 * Resolves the task for the caller, calls the model (falling back on retryable errors) and records the
 * usage, successful or not. For whole answers; streams use `streamWithFallbacks`. `call` answers the
 * usage as billed (`toTokenUsage` converts the AI SDK's), undefined when the provider reported none: it is
 * then recorded as unknown, with no cost, never as a free call.
 */
export async function runTaskCall<T>(context: TaskCallContext, call: TargetCall<T>): Promise<Served<T>> {
  const { app, request } = context;
  const startedAt = Date.now();
  const started = performance.now();
  const userId = request.principal.userId;
  const resolution = await app.resolver.resolve(context.task, { userId, override: context.override });
  let upstreamMs = 0;
  const base = {
    requestId: context.requestId ?? request.id,
    userId,
    task: context.task,
    endpoint: context.endpoint,
    startedAt,
  };
  try {
    const outcome = await callWithFallbacks(app, resolution, async (target) => {
      const callStarted = performance.now();
      try {
        return await call(target);
      } finally {
        upstreamMs += performance.now() - callStarted;
      }
    });
    const { usage } = outcome.value;
    const { target } = outcome;
    const cost = recordUsage(app, {
      ...base,
      model: target.model,
      provider: target.provider,
      usage,
      status: 'ok',
    });
    return {
      value: outcome.value.value,
      resolution,
      target,
      usage: usage ?? NO_USAGE,
      cost,
      fallback: outcome.fallback,
      overheadMs: Math.max(0, performance.now() - started - upstreamMs),
    };
  } catch (error) {
    const aborted = (error as { code?: string }).code === 'client_closed_request';
    recordFailedUsage(app, base, resolution.model, error, aborted ? 'aborted' : 'error');
    throw error;
  }
}
