import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/**
 * Local mode refused a request a web page may have sent without the user knowing: `host_not_allowed` when
 * its `Host` is not a loopback name (DNS rebinding), `origin_not_allowed` when its `Origin` is another site
 * (cross-site request forgery, a WebSocket from a foreign page). Both 403.
 */
export class RequestOriginRefusedError extends SwitchboardError<ErrorCode> {
  constructor(
    code: 'host_not_allowed' | 'origin_not_allowed',
    message: string,
    details: Record<string, unknown>,
  ) {
    super(code, message, details);
    this.name = 'RequestOriginRefusedError';
  }
}
