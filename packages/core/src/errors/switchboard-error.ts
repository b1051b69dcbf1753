const MARKER = Symbol.for('switchboard.error');

/**
 * Base of every error Switchboard raises on purpose. `code` is stable and machine-readable; the server maps it
 * to an HTTP status in one place. The marker symbol makes `isInstance` work across two copies of this package
 * (a bundled client next to the server's own), where `instanceof` would fail. `Code` narrows `code` to a union
 * (core's `CoreErrorCode`, the server's `ErrorCode`), so a class with a code nobody maps fails the typecheck.
 */
export class SwitchboardError<Code extends string = string> extends Error {
  // Read through `MARKER in error`, never directly.
  readonly [MARKER] = true;
  readonly code: Code;
  readonly details: Record<string, unknown>;

  constructor(code: Code, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchboardError';
    this.code = code;
    this.details = details;
  }

  static isInstance(error: unknown): error is SwitchboardError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }

  toJSON(): { code: Code; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
