import type { ProviderKindModule, UpstreamCredential } from '../provider-kind.js';
import type { ProviderRuntime } from '../provider-runtime.js';

/** The header that carries `apiKey` for a kind, or nothing when the provider has no key (local servers). */
export function credentialHeaders(
  credential: UpstreamCredential,
  apiKey: string | undefined,
): Record<string, string> {
  if (!apiKey) return {};
  return { [credential.header]: credential.scheme ? `${credential.scheme} ${apiKey}` : apiKey };
}

/**
 * The headers of every call Switchboard makes upstream, proxied or its own, in one order: the kind's
 * defaults (Anthropic's `anthropic-version`), then what the client sent (the proxy only, already
 * stripped of anything it may not forward), then the config's `headers`, then the provider's key, then
 * what the call itself needs (`accept`, `content-type`). A client can thus choose its API version but
 * never replace the key or the config's headers.
 */
export function createUpstreamHeaders(
  runtime: ProviderRuntime,
  kind: Pick<ProviderKindModule, 'credential' | 'defaultHeaders'>,
  options: {
    from?: Readonly<Record<string, string | string[]>> | undefined;
    set?: Readonly<Record<string, string>> | undefined;
  } = {},
): Record<string, string | string[]> {
  return {
    ...kind.defaultHeaders,
    ...options.from,
    ...runtime.headers,
    ...credentialHeaders(kind.credential, runtime.apiKey),
    ...options.set,
  };
}
