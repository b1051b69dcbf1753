import type { FailedAttempt } from './call-with-fallbacks.js';

/**
 * Whether a failed call never sent a request upstream: every attempt was turned away here, for want of a key
 * (`upstream_unconfigured`), or because the request cannot be expressed to the provider (`invalid_request`,
 * a limit, ...). Such a call is recorded as `refused`, not as a failed call: the provider never saw it.
 * Only `upstream_*` codes (bar `upstream_unconfigured`) and `invalid_model_output` come from an answer, or
 * from trying to get one.
 */
export function refusedBeforeUpstream(attempts: readonly FailedAttempt[]): boolean {
  const reachedUpstream = (code: string) =>
    (code.startsWith('upstream_') && code !== 'upstream_unconfigured') || code === 'invalid_model_output';
  return attempts.length > 0 && !attempts.some((attempt) => reachedUpstream(attempt.code));
}
