import { providerOf, type Resolution, type SwitchboardError } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { Admission } from '../limits/limit-service.js';
import { redactError } from '../security/redact-error.js';
import type { RequestTrace } from '../telemetry/request-trace.js';
import { type AdmittedAttempt, admitAttempt, type LimitedCaller } from './admit-attempt.js';
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
  /** Present when the resolved model failed (or a task budget ran out) and another model answered. */
  fallback?: { from: string; attempts: FailedAttempt[] } | undefined;
  /** The limits' hold on this call: settle it once its usage is known (`recordUsage` does). */
  admission: Admission;
  /** The task rule whose `on_exceeded.fallback` served the call, if one did. */
  limitFallback?: string | undefined;
}

/**
 * Errors of every attempt, when all failed; carries the last one's code. Only names and codes: nothing that
 * holds a key (a target, a runtime) is ever attached to an error, which the error handler logs.
 */
export interface CallFailure {
  code: string;
  attempts: FailedAttempt[];
  /** The model ID of the last target that could be built (for usage accounting). */
  model: string | undefined;
}

/** The failure `callWithFallbacks` attached to an error, if it did. */
export function failureOf(error: unknown): CallFailure | undefined {
  return (error as { [FAILURE]?: CallFailure } | null)?.[FAILURE];
}

/** Where the failure sits on the error: a symbol, so neither a log serializer nor JSON walks into it. */
const FAILURE = Symbol.for('switchboard.callFailure');

/**
 * Books what an upstream error says about the pool key that got it (429: cooling, 401/403: bad) and
 * answers the labels to leave out of a retry on another key, or undefined when no retry is due: the
 * error is not about the key, the key was the user's own, this was already the retry, or no other key
 * could serve.
 */
function bookKeyVerdict(
  target: CallTarget,
  error: SwitchboardError,
  except: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined {
  const lease = target.runtime.lease;
  const status = error.details.upstream_status;
  if (!lease || lease.source === 'user' || typeof status !== 'number') return undefined;
  const retryAfter = (error as { retryAfter?: string | undefined }).retryAfter;
  const verdict = target.runtime.keys.report(lease, status, retryAfter);
  if (!verdict || except) return undefined;
  const tried = new Set([lease.label]);
  return target.runtime.keys.hasOther(tried) ? tried : undefined;
}

/** A limit that refuses one model may not refuse the next (a provider's or a model's limit): try it. */
const RETRY_ON_LIMIT = new Set(['limit_exceeded', 'unpriced_model']);

/**
 * Calls the resolved model; when it fails with a retryable error (unreachable, timeout, 429, 5xx, no key
 * here, a limit of this model or provider) and `canRetry()` says nothing has reached the client yet,
 * tries the task's fallbacks in order. Each attempt is exactly one upstream call (the AI SDK's own retries
 * are off), and each is admitted by the limits first (`admitAttempt`): a fallback is a call like any other.
 * With a `trace`, each attempt is a client span under the request's; a failed one ends here, the one that
 * answered when the call is recorded.
 */
export async function callWithFallbacks<T>(
  app: FastifyInstance,
  resolution: Resolution,
  caller: LimitedCaller,
  run: (target: CallTarget) => Promise<T>,
  canRetry: () => boolean = () => true,
  trace?: RequestTrace | undefined,
): Promise<CallOutcome<T>> {
  const candidates = [resolution.model, ...resolution.fallbacks];
  // Each attempt: a model, and the pool keys that already failed it (a key retry repeats the model).
  const queue: Array<{ model: string; except?: ReadonlySet<string> }> = candidates.map((model) => ({
    model,
  }));
  const attempts: FailedAttempt[] = [];
  let lastModel: string | undefined;
  // The first retryable failure: a fallback's refusal must not replace it (see below).
  let firstRetryable: SwitchboardError | undefined;
  for (let index = 0; index < queue.length; index++) {
    const { model, except } = queue[index]!;
    let target: CallTarget | undefined;
    let admitted: AdmittedAttempt | undefined;
    try {
      target = createCallTarget(app, model, { userId: caller.userId, except });
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
      lastModel = target.model;
      admitted = await admitAttempt(app, caller, target);
      if (admitted.limitFallback) {
        const { from, message } = admitted.limitFallback;
        attempts.push({ model: from, code: 'limit_exceeded', message });
        // The budget's fallback model is served under the same attempt span.
        target = { ...admitted.limitFallback.target, attempt: target.attempt };
        lastModel = target.model;
      }
      const value = await run(target);
      if (target.runtime.lease) target.runtime.keys.report(target.runtime.lease, 200);
      return {
        value,
        target,
        fallback: attempts.length ? { from: resolution.model, attempts } : undefined,
        admission: admitted.admission,
        limitFallback: admitted.limitFallback?.rule,
      };
    } catch (raw) {
      // Failed before an answer: the upstream billed nothing, so its reservation is released.
      admitted?.admission.settle({ usage: undefined, cost: null, status: 'not_sent' });
      const error = redactError(
        mapCallError(raw, target?.provider ?? providerOf(model), target?.kind),
        app.keyRedactor,
      );
      attempts.push({ model: target?.model ?? model, code: error.code, message: error.message });
      app.gatewayMetrics.observeUpstreamError(target?.provider ?? providerOf(model), model, error.code);
      if (target?.attempt) trace?.failAttempt(target.attempt, error.code, error.message);
      // A 429 or 401 is about the key: book it, and try the same model once more on another key.
      const retryKey = target ? bookKeyVerdict(target, error, except) : undefined;
      if (retryKey && canRetry()) {
        queue.splice(index + 1, 0, { model: target!.model, except: retryKey });
        app.log.warn(
          { model: target!.model, code: error.code, key: target!.runtime.lease?.label },
          'key refused; retrying on another key',
        );
        continue;
      }
      const more = index < queue.length - 1;
      const retryable = isRetryableCallError(error) || RETRY_ON_LIMIT.has(error.code);
      if (!more || !retryable || !canRetry()) {
        // A fallback's refusal must not replace the retryable failure (a 429) of the model the caller got:
        // answer that one, with every attempt in the details.
        const first = firstRetryable ?? error;
        const failure: CallFailure = { code: first.code, attempts, model: lastModel };
        Object.defineProperty(first, FAILURE, { value: failure, enumerable: false, configurable: true });
        throw first;
      }
      firstRetryable ??= error;
      const next = queue[index + 1]?.model ?? model;
      app.gatewayMetrics.observeFallback(resolution.task, model, next);
      app.log.warn({ model, code: error.code, next }, 'model failed; trying the fallback');
    }
  }
  throw new Error('unreachable: no candidates');
}
