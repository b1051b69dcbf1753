import type { SwitchboardError } from '@switchboard/core';
import type { KeyRedactor } from './key-redactor.js';

/**
 * Scrubs known keys from an error's message and details, in place (an upstream may repeat the key it got in
 * its error body, and that text becomes the message). Answers the same error.
 */
export function redactError<E extends SwitchboardError>(error: E, redactor: KeyRedactor): E {
  if (redactor.size === 0) return error;
  error.message = redactor.redact(error.message);
  const details = redactor.redactValue(error.details);
  if (details !== error.details) Object.assign(error.details, details);
  return error;
}
