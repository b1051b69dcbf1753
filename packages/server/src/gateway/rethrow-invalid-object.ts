import { NoObjectGeneratedError } from 'ai';
import { InvalidModelOutputError } from '../errors/invalid-model-output-error.js';

/** An answer that does not parse or validate becomes a 502 carrying the raw text; anything else is rethrown. */
export function rethrowInvalidObject(error: unknown, model: string): never {
  if (NoObjectGeneratedError.isInstance(error)) {
    const reason = (error.cause as Error | undefined)?.message?.split('\n')[0] ?? error.message;
    throw new InvalidModelOutputError(model, reason, error.text);
  }
  throw error;
}
