import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from '../errors/error-status.js';

/**
 * A preference write carried an `expectedVersion` (the HTTP `If-Match`) that is no longer the user's
 * current version: someone else wrote in between. Nothing was written. Maps to HTTP 412.
 */
export class VersionConflictError extends SwitchboardError<ErrorCode> {
  readonly expectedVersion: number;
  readonly actualVersion: number;

  constructor(userId: string, expectedVersion: number, actualVersion: number) {
    super(
      'version_conflict',
      `The preferences of user "${userId}" are at version ${actualVersion}, not ${expectedVersion}: reload them and try again.`,
      { user_id: userId, expected_version: expectedVersion, actual_version: actualVersion },
    );
    this.name = 'VersionConflictError';
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
