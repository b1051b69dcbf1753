/**
 * The one map from error code to HTTP status. Anything the caller can fix is a 4xx; codes not listed here
 * are our own faults and answer 500 with their internals hidden.
 */
export const ERROR_STATUS: Readonly<Record<string, number>> = {
  invalid_request: 400,
  malformed_json: 400,
  invalid_model_id: 400,
  unknown_task: 400,
  unknown_provider: 400,
  unknown_capability: 400,
  capability_mismatch: 400,
  unregistered_model: 400,
  model_provider_mismatch: 400,
  provider_unconfigured: 400,
  no_model_configured: 400,
  config_invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  path_not_allowed: 403,
  method_not_allowed: 405,
  precondition_failed: 412,
  version_conflict: 412,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_rate_limited: 429,
  upstream_rejected: 400,
  upstream_unauthorized: 502,
  upstream_error: 502,
  upstream_unreachable: 502,
  invalid_model_output: 502,
  upstream_unconfigured: 503,
  upstream_timeout: 504,
};

/** The status for a code; unknown codes are internal errors. */
export function statusForCode(code: string): number {
  return ERROR_STATUS[code] ?? 500;
}
