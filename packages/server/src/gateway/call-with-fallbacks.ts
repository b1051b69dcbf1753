import { providerOf, type Resolution } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import { redactError } from '../security/redact-error.js';
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
 * Calls the resolved model; when it fails with a retryable error (unreachable, timeout, 429, 5xx, no key
 * here) and `canRetry()` says nothing has reached the client yet, tries the task's fallbacks in order. Each
 * attempt is exactly one upstream call: the AI SDK's own retries are off.
 */
export async function callWithFallbacks<T>(
  app: FastifyInstance,
  resolution: Resolution,
  run: (target: CallTarget) => Promise<T>,
  canRetry: () => boolean = () => true,
): Promise<CallOutcome<T>> {
  const candidates = [resolution.model, ...resolution.fallbacks];
  const attempts: FailedAttempt[] = [];
  let lastModel: string | undefined;
  for (const [index, model] of candidates.entries()) {
    let target: CallTarget | undefined;
    try {
      target = createCallTarget(app, model);
      lastModel = target.model;
      const value = await run(target);
      return { value, target, fallback: attempts.length ? { from: resolution.model, attempts } : undefined };
    } catch (raw) {
      const error = redactError(
        mapCallError(raw, target?.provider ?? providerOf(model), target?.kind),
        app.keyRedactor,
      );
      attempts.push({ model, code: error.code, message: error.message });
      const more = index < candidates.length - 1;
      if (!more || !isRetryableCallError(error) || !canRetry()) {
        const failure: CallFailure = { code: error.code, attempts, model: lastModel };
        Object.defineProperty(error, FAILURE, { value: failure, enumerable: false, configurable: true });
        throw error;
      }
      app.log.warn(
        { model, code: error.code, next: candidates[index + 1] },
        'model failed; trying the fallback',
      );
    }
  }
  throw new Error('unreachable: no candidates');
}
