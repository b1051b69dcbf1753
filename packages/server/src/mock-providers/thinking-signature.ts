/**
 * Signatures of the mock's Anthropic thinking blocks: an HMAC of the thinking text under the mock's
 * secret, so a client (or a gateway) that sends a thinking block back altered, or with another block's
 * signature, is refused exactly as the real API refuses it.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#thinking-encryption
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The secret signatures are made with unless `startMockProviders({ thinkingSecret })` names another. */
export const DEFAULT_THINKING_SECRET = 'switchboard-mock-thinking';

/** The signature of `thinking`: base64 of HMAC-SHA256(secret, thinking). */
export function signThinking(thinking: string, secret = DEFAULT_THINKING_SECRET): string {
  return createHmac('sha256', secret).update(thinking).digest('base64');
}

/** Whether `signature` is the signature of `thinking` under `secret`. */
export function verifyThinking(
  thinking: string,
  signature: string,
  secret = DEFAULT_THINKING_SECRET,
): boolean {
  const expected = Buffer.from(signThinking(thinking, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
