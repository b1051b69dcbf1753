import type { SharedV3ProviderMetadata, SharedV3ProviderOptions } from '@ai-sdk/provider';

/** Marks a signature Switchboard wrote (the provider's own metadata, encoded), not Anthropic's. */
const PREFIX = 'sbx1.';

/**
 * The signature a reasoning block carries back to the client (Anthropic `thinking.signature`, Responses
 * `encrypted_content`): Anthropic's own signature as it came, else the provider's reasoning metadata
 * (Gemini's thought signature, ...) encoded, so that a next turn that sends the block back restores it
 * exactly. Empty when the provider gave nothing to keep.
 */
export function encodeReasoningSignature(metadata: SharedV3ProviderMetadata | undefined): string {
  const anthropic = metadata?.anthropic?.signature;
  if (typeof anthropic === 'string') return anthropic;
  if (!metadata || Object.keys(metadata).length === 0) return '';
  return `${PREFIX}${Buffer.from(JSON.stringify(metadata)).toString('base64url')}`;
}

/**
 * The provider options a reasoning part of the prompt needs, from the signature a client sent back: one
 * Switchboard wrote decodes to the metadata it held; any other is Anthropic's and goes back to it as is.
 */
export function decodeReasoningSignature(
  signature: string | undefined | null,
): SharedV3ProviderOptions | undefined {
  if (!signature) return undefined;
  if (!signature.startsWith(PREFIX)) return { anthropic: { signature } };
  try {
    const decoded = JSON.parse(Buffer.from(signature.slice(PREFIX.length), 'base64url').toString('utf8'));
    if (decoded && typeof decoded === 'object' && !Array.isArray(decoded))
      return decoded as SharedV3ProviderOptions;
  } catch {}
  return undefined;
}
