import { SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from '../errors/error-status.js';
import type { MigrationStep } from './store-migrator.js';

/** A migration threw; `steps` says which ran, which failed and which did not run. */
export class MigrationFailedError extends SwitchboardError<ErrorCode> {
  readonly steps: MigrationStep[];

  constructor(direction: 'up' | 'down', steps: MigrationStep[], cause: unknown) {
    const failed = steps.find((step) => step.status === 'failed');
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'migration_failed',
      `Migrating the database ${direction} failed${failed ? ` at "${failed.name}"` : ''}: ${reason}`,
      { direction, steps },
      { cause },
    );
    this.name = 'MigrationFailedError';
    this.steps = steps;
  }
}
