import { UpstreamError } from '../../errors/upstream-error.js';
import type { ProviderRuntime } from '../provider-runtime.js';

/**
 * The error for an upstream that answered a redirect: it is never followed, since the request carries the
 * provider's key and the new address is the upstream's to choose. The message names only the origin it
 * pointed to (never its path or query) and how to fix the config.
 */
export function createRedirectError(
  runtime: Pick<ProviderRuntime, 'info'>,
  status: number,
  location: string | null | undefined,
): UpstreamError {
  const provider = runtime.info.name;
  return new UpstreamError(
    'upstream_error',
    provider,
    status,
    `a redirect to ${describeLocation(location)}, which the gateway does not follow with the provider's key; set models.${provider}.endpoint to the address that answers`,
  );
}

function describeLocation(location: string | null | undefined): string {
  if (!location) return 'nowhere (no Location header)';
  try {
    return new URL(location).origin;
  } catch {
    return 'a relative or invalid Location';
  }
}
