import type { CoreErrorCode } from '@switchboard/core';

/**
 * Every code the server answers with: core's and its own. A new code goes here and into `ERROR_STATUS`;
 * the typecheck refuses one without a status, and an error class whose code is not listed.
 */
export type ErrorCode =
  | CoreErrorCode
  | 'invalid_request'
  | 'malformed_json'
  | 'model_provider_mismatch'
  | 'unauthorized'
  | 'forbidden'
  | 'host_not_allowed'
  | 'origin_not_allowed'
  | 'not_found'
  | 'path_not_allowed'
  | 'method_not_allowed'
  | 'precondition_failed'
  | 'version_conflict'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'limit_exceeded'
  | 'unpriced_model'
  | 'limit_read_only'
  | 'limits_unavailable'
  | 'upstream_rate_limited'
  | 'upstream_rejected'
  | 'upstream_unauthorized'
  | 'upstream_error'
  | 'upstream_unreachable'
  | 'upstream_response_too_large'
  | 'invalid_model_output'
  | 'upstream_unconfigured'
  | 'upstream_timeout'
  | 'client_closed_request'
  | 'storage_full'
  | 'invalid_storage_url'
  | 'migration_failed'
  | 'unsafe_bind'
  | 'secret_key_invalid'
  | 'provider_keys_unavailable'
  | 'user_keys_not_allowed'
  | 'internal';

/**
 * The one map from error code to HTTP status. Anything the caller can fix is a 4xx; our own faults are a
 * 500 with their internals hidden. The startup errors (storage URL, migrations, bind address) never reach
 * HTTP; they are listed so that every code has a status.
 */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  malformed_json: 400,
  invalid_model_id: 400,
  unknown_task: 400,
  unknown_provider: 400,
  unknown_capability: 400,
  capability_mismatch: 400,
  unregistered_model: 400,
  model_unfit_for_task: 400,
  model_provider_mismatch: 400,
  provider_unconfigured: 400,
  no_model_configured: 400,
  config_invalid: 400,
  catalog_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  host_not_allowed: 403,
  origin_not_allowed: 403,
  not_found: 404,
  path_not_allowed: 403,
  method_not_allowed: 405,
  limit_read_only: 409,
  precondition_failed: 412,
  version_conflict: 412,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  limit_exceeded: 429,
  unpriced_model: 400,
  upstream_rate_limited: 429,
  upstream_rejected: 400,
  upstream_unauthorized: 502,
  upstream_error: 502,
  upstream_unreachable: 502,
  upstream_response_too_large: 502,
  invalid_model_output: 502,
  upstream_unconfigured: 503,
  limits_unavailable: 503,
  upstream_timeout: 504,
  client_closed_request: 499,
  storage_full: 503,
  invalid_storage_url: 500,
  migration_failed: 500,
  unsafe_bind: 500,
  secret_key_invalid: 500,
  provider_keys_unavailable: 503,
  user_keys_not_allowed: 403,
  internal: 500,
};

/** The status for a code; a code from elsewhere (a second copy of core, a plugin) is an internal error. */
export function statusForCode(code: string): number {
  return Object.hasOwn(ERROR_STATUS, code) ? ERROR_STATUS[code as ErrorCode] : 500;
}
