import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from '../errors/error-status.js';

/** A proxy path the gateway will not forward: traversal, an absolute URL, or a path outside the kind's list. */
export class ProxyPathError extends SwitchboardError<ErrorCode> {
  constructor(reason: string, details: Record<string, unknown>) {
    super('path_not_allowed', `This path is not forwarded: ${reason}.`, details);
    this.name = 'ProxyPathError';
  }
}
