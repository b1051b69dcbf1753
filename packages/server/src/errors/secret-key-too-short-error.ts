import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** `SWITCHBOARD_SECRET_KEY` (or the key file) is too short to derive a key worth its name: refused at start. */
export class SecretKeyTooShortError extends SwitchboardError<ErrorCode> {
  constructor(minimum: number, length: number, file?: string) {
    super(
      'secret_key_invalid',
      `${file ? `The key file ${file}` : 'SWITCHBOARD_SECRET_KEY'} holds ${length} characters; expected at least ${minimum} (for example the output of "openssl rand -base64 32").`,
      { minimum, length, ...(file ? { file } : {}) },
    );
    this.name = 'SecretKeyTooShortError';
  }
}
