import { InvalidModelOutputError } from '../errors/invalid-model-output-error.js';
import { loadAiSdk } from './load-ai-sdk.js';

/** An answer that does not parse or validate becomes a 502 carrying the raw text; anything else is kept. */
export async function toInvalidObjectError(error: unknown, model: string): Promise<unknown> {
  // Only an AI SDK call's error gets here, so the SDK is already loaded and this waits on nothing.
  const { NoObjectGeneratedError } = await loadAiSdk();
  if (NoObjectGeneratedError.isInstance(error)) {
    const reason = (error.cause as Error | undefined)?.message?.split('\n')[0] ?? error.message;
    return new InvalidModelOutputError(model, reason, error.text);
  }
  return error;
}

/** `toInvalidObjectError`, thrown: for whole answers. */
export async function rethrowInvalidObject(error: unknown, model: string): Promise<never> {
  throw await toInvalidObjectError(error, model);
}
