import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** `auth.mode: local` trusts every caller, so it may only listen where only this machine can reach it. */
export class UnsafeBindError extends SwitchboardError<ErrorCode> {
  constructor(host: string) {
    super(
      'unsafe_bind',
      `Refusing to listen on ${host} with auth.mode: local, which treats every caller as the admin. Listen on 127.0.0.1 (server.host), or set auth.mode: token and create tokens with "switchboard tokens create --user <id> [--admin]".`,
      { host },
    );
    this.name = 'UnsafeBindError';
  }
}
