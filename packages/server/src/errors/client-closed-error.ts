import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/**
 * The client went away before its answer was ready, which aborted the upstream call: 499 (nginx's "client
 * closed request"), logged as that, never as the provider being unreachable. Nobody reads the answer.
 */
export class ClientClosedError extends SwitchboardError<ErrorCode> {
  constructor(provider: string) {
    super(
      'client_closed_request',
      `The client closed the connection before the answer was ready; the call to "${provider}" was cancelled.`,
      { provider },
    );
    this.name = 'ClientClosedError';
  }
}
