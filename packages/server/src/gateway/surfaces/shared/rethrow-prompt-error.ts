import { InvalidRequestError } from '../../../errors/invalid-request-error.js';

/** AI SDK errors that say the request has no translation for this provider (not that the provider failed). */
const PROMPT_ERRORS = new Set([
  'AI_UnsupportedFunctionalityError',
  'AI_InvalidPromptError',
  'AI_InvalidArgumentError',
]);

/**
 * A provider module that cannot turn the prompt into its format (Anthropic's system messages between
 * turns, a file type Gemini does not take) throws before any request goes out: that is the request's
 * fault, a 400 with the SDK's explanation, never a 502 about the provider.
 */
export function rethrowPromptError(error: unknown, model: string): never {
  const name = (error as { name?: unknown })?.name;
  if (typeof name === 'string' && PROMPT_ERRORS.has(name)) {
    throw new InvalidRequestError(
      `This request has no translation for "${model}": ${(error as Error).message}`,
      { model },
    );
  }
  throw error;
}
