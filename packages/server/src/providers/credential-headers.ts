import { PROVIDER_KIND_MODULES } from './index.js';
import type { UpstreamCredential } from './provider-kind.js';

/**
 * Every header any kind carries a key in, each once, in the registry's order (`authorization` first). The
 * proxy never forwards them, the auth plugin reads a client's token from them, the logger redacts them.
 */
export const CREDENTIAL_HEADERS: readonly UpstreamCredential[] = Object.freeze([
  ...new Map(
    Object.values(PROVIDER_KIND_MODULES).map((kind) => [kind.credential.header, kind.credential]),
  ).values(),
]);
