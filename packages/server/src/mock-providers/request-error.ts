/**
 * A request the mock refuses, as the real API would. Readers throw it from deep inside a body; the
 * server answers it in the kind's own error shape, so no reader has to thread a "refused" result back.
 */

/** What a refusal carries besides its message. */
export interface RefusalInfo {
  /** HTTP status; 400 unless said. */
  status?: number;
  /** The provider's error code (`unsupported_parameter`, `model_not_found`), where the format has one. */
  code?: string;
  /** The request field at fault (OpenAI's `param`), where the format has one. */
  param?: string;
}

const MARKER = Symbol.for('switchboard.mock.request-error');

/** A refused request: answered with `status` and `message` in the kind's error body. */
export class MockRequestError extends Error {
  readonly [MARKER] = true;
  readonly status: number;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(message: string, info: RefusalInfo = {}) {
    super(message);
    this.name = 'MockRequestError';
    this.status = info.status ?? 400;
    this.code = info.code;
    this.param = info.param;
  }

  /** Whether `error` is a {@link MockRequestError}, even from another copy of this module. */
  static isInstance(error: unknown): error is MockRequestError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }
}

/** Throws a {@link MockRequestError}: `refuse("max_tokens: Field required")`. */
export function refuse(message: string, info?: RefusalInfo): never {
  throw new MockRequestError(message, info);
}
