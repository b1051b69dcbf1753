import { asObject } from '../../util/as-object.js';

/** How much of a provider's message an error carries. */
const MAX_MESSAGE_CHARS = 500;

/**
 * The message of the error bodies OpenAI's API and those that copy it send: `{ error: { message } }`,
 * Ollama's native `{ error: "..." }`, or a bare `{ message }` some compatible servers answer with.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function readErrorMessage(body: unknown): string | undefined {
  const object = asObject(body);
  const error = object?.error;
  const message = typeof error === 'string' ? error : (asObject(error)?.message ?? object?.message);
  return typeof message === 'string' && message ? message.slice(0, MAX_MESSAGE_CHARS) : undefined;
}
