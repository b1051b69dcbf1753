const MARKER = Symbol.for('switchboard.error');

/**
 * Base of every error Switchboard raises on purpose. `code` is stable and machine-readable; the server maps it
 * to an HTTP status in one place. The marker symbol makes `isInstance` work across two copies of this package
 * (a bundled client next to the server's own), where `instanceof` would fail.
 */
export class SwitchboardError extends Error {
  // Read through `MARKER in error`, never directly.
  readonly [MARKER] = true;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SwitchboardError';
    this.code = code;
    this.details = details;
  }

  static isInstance(error: unknown): error is SwitchboardError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }

  toJSON(): { code: string; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
