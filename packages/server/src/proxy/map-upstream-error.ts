import { SwitchboardError } from '@switchboard/core';
import { UpstreamTimeoutError } from '../errors/upstream-timeout-error.js';
import { UpstreamUnreachableError } from '../errors/upstream-unreachable-error.js';

const TIMEOUTS: Readonly<Record<string, string>> = {
  UND_ERR_CONNECT_TIMEOUT: 'no connection within the connect timeout',
  UND_ERR_HEADERS_TIMEOUT: 'no answer within the idle timeout',
  UND_ERR_BODY_TIMEOUT: 'no data within the idle timeout',
};

/**
 * Turns a failed upstream call into the error the caller sees. Only network error codes are kept: undici's
 * messages never hold request headers, and nothing here reads them, so a key cannot leak through.
 */
export function mapUpstreamError(error: unknown, provider: string): SwitchboardError {
  if (SwitchboardError.isInstance(error)) return error;
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  if (code && TIMEOUTS[code]) return new UpstreamTimeoutError(provider, TIMEOUTS[code]);
  return new UpstreamUnreachableError(provider, code ?? (error as Error).name ?? 'network error');
}
