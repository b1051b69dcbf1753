/**
 * The codes of the errors core raises. The server adds its own (`ErrorCode` in its `errors/error-status.ts`)
 * and maps every one of both to an HTTP status, so a code listed here without a status fails its typecheck.
 */
export type CoreErrorCode =
  | 'config_invalid'
  | 'catalog_invalid'
  | 'invalid_model_id'
  | 'capability_mismatch'
  | 'unregistered_model'
  | 'unknown_capability'
  | 'unknown_provider'
  | 'provider_unconfigured'
  | 'unknown_task'
  | 'no_model_configured'
  | 'model_unfit_for_task';
