import { describeUnsafeBind, SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** `auth.mode: local` trusts every caller, so it may only listen where only this machine can reach it. */
export class UnsafeBindError extends SwitchboardError<ErrorCode> {
  constructor(host: string) {
    super('unsafe_bind', describeUnsafeBind(host, 'local') ?? `Refusing to listen on ${host}.`, { host });
    this.name = 'UnsafeBindError';
  }
}
