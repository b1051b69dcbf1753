import type { TokenUsage } from '@switchboard/core';
import type { CallTarget } from './call-target.js';
import { callWithFallbacks } from './call-with-fallbacks.js';
import { recordFailedUsage, recordUsage } from './record-usage.js';
import { selectCapableCandidates } from './select-capable-candidates.js';
import {
  limitedCallerOf,
  NO_USAGE,
  type Served,
  servedResolution,
  type TaskCallContext,
} from './task-call-context.js';

/** What one call on one model answers: the value, and the usage as billed (undefined when none was reported). */
export interface TargetAnswer<T> {
  value: T;
  usage: TokenUsage | undefined;
}

/** Why the model stopped, when the answer says (a text answer's `finishReason`), for the trace. */
function finishReasonOf(value: unknown): string | undefined {
  const reason = (value as { finishReason?: unknown } | null)?.finishReason;
  return typeof reason === 'string' ? reason : undefined;
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
  const trace = context.trace ?? request.trace;
  const resolution = selectCapableCandidates(
    app.registryState.current,
    await app.resolver.resolve(context.task, { userId, override: context.override }),
    context.needs,
  );
  let upstreamMs = 0;
  const base = {
    requestId: context.requestId ?? request.id,
    userId,
    task: context.task,
    endpoint: context.endpoint,
    startedAt,
    trace,
    source: resolution.source,
  };
  try {
    const run = async (target: CallTarget) => {
      const callStarted = performance.now();
      try {
        return await call(target);
      } finally {
        upstreamMs += performance.now() - callStarted;
      }
    };
    const outcome = await callWithFallbacks(app, resolution, limitedCallerOf(context), run, undefined, trace);
    const { usage } = outcome.value;
    const { target } = outcome;
    const overheadMs = Math.max(0, performance.now() - started - upstreamMs);
    // One literal, not `...base` and more: a spread clone growing ten more fields showed in the profile.
    const cost = recordUsage(app, {
      requestId: base.requestId,
      userId,
      task: base.task,
      endpoint: base.endpoint,
      startedAt,
      trace,
      source: base.source,
      model: target.model,
      provider: target.provider,
      keyLabel: target.runtime.lease?.label,
      usage,
      status: 'ok',
      admission: outcome.admission,
      fallbackFrom: outcome.fallback?.from,
      finishReason: finishReasonOf(outcome.value.value),
      overheadMs,
    });
    return {
      value: outcome.value.value,
      resolution: servedResolution(resolution, outcome.limitFallback),
      target,
      usage: usage ?? NO_USAGE,
      cost,
      fallback: outcome.fallback,
      overheadMs,
    };
  } catch (error) {
    const aborted = (error as { code?: string }).code === 'client_closed_request';
    recordFailedUsage(app, base, resolution.model, error, aborted ? 'aborted' : 'error');
    throw error;
  }
}
