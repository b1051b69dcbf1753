import { NoObjectGeneratedError } from 'ai';
import { InvalidModelOutputError } from '../errors/invalid-model-output-error.js';

/** An answer that does not parse or validate becomes a 502 carrying the raw text; anything else is kept. */
export function toInvalidObjectError(error: unknown, model: string): unknown {
  if (NoObjectGeneratedError.isInstance(error)) {
    const reason = (error.cause as Error | undefined)?.message?.split('\n')[0] ?? error.message;
    return new InvalidModelOutputError(model, reason, error.text);
  }
  return error;
}

/** `toInvalidObjectError`, thrown: for whole answers. */
export function rethrowInvalidObject(error: unknown, model: string): never {
  throw toInvalidObjectError(error, model);
}
