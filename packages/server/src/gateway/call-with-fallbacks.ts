import { providerOf, type Resolution, type SwitchboardError } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { RequestTrace } from '../telemetry/request-trace.js';
import { type CallTarget, createCallTarget } from './call-target.js';
import { isRetryableCallError, mapCallError } from './map-call-error.js';

/** A model that was tried and failed before the one that answered. */
export interface FailedAttempt {
  model: string;
  code: string;
  message: string;
}

export interface CallOutcome<T> {
  value: T;
  target: CallTarget;
  /** Present when the resolved model failed and a fallback answered. */
  fallback?: { from: string; attempts: FailedAttempt[] } | undefined;
}

/** Errors of every attempt, when all failed; carries the last one's code. */
export interface CallFailure {
  error: SwitchboardError;
  attempts: FailedAttempt[];
  /** The last target tried, if one could be built (for usage accounting). */
  target: CallTarget | undefined;
}

/**
 * Calls the resolved model; when it fails with a retryable error (unreachable, timeout, 429, 5xx, no key
 * here) and `canRetry()` says nothing has reached the client yet, tries the task's fallbacks in order. Each
 * attempt is exactly one upstream call: the AI SDK's own retries are off. With a `trace`, each attempt is a
 * client span under the request's; a failed one ends here, the one that answered when the call is recorded.
 */
export async function callWithFallbacks<T>(
  app: FastifyInstance,
  resolution: Resolution,
  run: (target: CallTarget) => Promise<T>,
  canRetry: () => boolean = () => true,
  trace?: RequestTrace | undefined,
): Promise<CallOutcome<T>> {
  const candidates = [resolution.model, ...resolution.fallbacks];
  const attempts: FailedAttempt[] = [];
  let last: CallTarget | undefined;
  let retryable: SwitchboardError | undefined;
  for (const [index, model] of candidates.entries()) {
    let target: CallTarget | undefined;
    try {
      target = createCallTarget(app, model);
      if (trace) {
        const operation = resolution.capability === 'embeddings' ? 'embeddings' : 'chat';
        const attempt = trace.startAttempt({
          provider: target.provider,
          model,
          name: target.name,
          operation,
          index,
        });
        target = { ...target, attempt };
      }
      last = target;
      const value = await run(target);
      return { value, target, fallback: attempts.length ? { from: resolution.model, attempts } : undefined };
    } catch (raw) {
      const error = mapCallError(raw, target?.provider ?? providerOf(model), target?.kind);
      attempts.push({ model, code: error.code, message: error.message });
      app.gatewayMetrics.observeUpstreamError(target?.provider ?? providerOf(model), model, error.code);
      if (target?.attempt) trace?.failAttempt(target.attempt, error.code, error.message);
      const more = index < candidates.length - 1;
      if (!more || !isRetryableCallError(error) || !canRetry()) {
        // A fallback's refusal must not replace the retryable failure (a 429) of the model the caller got:
        // answer that one, with every attempt in the details.
        const first = retryable ?? error;
        throw Object.assign(first, {
          failure: { error: first, attempts, target: last } satisfies CallFailure,
        });
      }
      retryable ??= error;
      app.gatewayMetrics.observeFallback(resolution.task, model, candidates[index + 1] ?? model);
      app.log.warn(
        { model, code: error.code, next: candidates[index + 1] },
        'model failed; trying the fallback',
      );
    }
  }
  throw new Error('unreachable: no candidates');
}
