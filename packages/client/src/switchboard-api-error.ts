import { SwitchboardError } from '@switchboard/core';

const MARKER = Symbol.for('switchboard.api-error');

/** Codes the client itself assigns, when the server's answer is not a Switchboard error body. */
export type ClientErrorCode =
  /** The request never got an answer (connection refused, DNS, CORS). `status` is 0. */
  | 'network_error'
  /** An error status whose body is not `{ error: { code, message, details } }` (a proxy in between). */
  | 'http_error'
  /** A success whose body does not match the shared schema: the client and server disagree. */
  | 'invalid_response'
  /** A streamed answer that ended before its final `done` event. */
  | 'stream_incomplete';

export interface SwitchboardApiErrorOptions {
  /** The HTTP status; 0 when there was no answer. */
  status: number;
  /** The server's stable code (`unknown_task`, `version_conflict`, ...) or a {@link ClientErrorCode}. */
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
  /** The `x-request-id` of the answer: quote it when reporting a problem. */
  requestId?: string | undefined;
  cause?: unknown;
}

/**
 * Every failure of a Switchboard API call: the server's `{ error: { code, message, details } }` with the HTTP
 * status, or a {@link ClientErrorCode}. Extends core's `SwitchboardError`, so `code` and `details` mean the
 * same on both sides. `SwitchboardApiError.isInstance` works across two copies of this package, where
 * `instanceof` would not.
 */
export class SwitchboardApiError extends SwitchboardError {
  // Read through `MARKER in error`, never directly.
  readonly [MARKER] = true;
  /** The HTTP status; 0 when there was no answer. */
  readonly status: number;
  /** The answer's `x-request-id`, when there was one. */
  readonly requestId: string | undefined;

  constructor(options: SwitchboardApiErrorOptions) {
    super(options.code, options.message, options.details ?? {}, { cause: options.cause });
    this.name = 'SwitchboardApiError';
    this.status = options.status;
    this.requestId = options.requestId;
  }

  static override isInstance(error: unknown): error is SwitchboardApiError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}
