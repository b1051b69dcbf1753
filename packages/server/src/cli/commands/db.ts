import { loadConfig } from '../../config/load-config.js';
import { databaseStatus, migrateDatabase, rollbackDatabase } from '../../store/migrations-cli.js';
import type { MigrationStep } from '../../store/store-migrator.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';
import { formatTable } from '../format-table.js';
import { storageUrlOf } from '../open-configured-store.js';

function printSteps(steps: readonly MigrationStep[], io: CliIo, none: string): void {
  if (!steps.length) io.out(`${none}\n`);
  for (const step of steps)
    io.out(`${step.direction === 'up' ? 'applied ' : 'reverted'} ${step.name} (${step.status})\n`);
}

/** `switchboard db migrate`: applies pending migrations (the server also does at start). */
export async function dbMigrate(options: GlobalOptions, io: CliIo): Promise<number> {
  const run = await migrateDatabase(storageUrlOf(await loadConfig({ file: options.config })));
  printSteps(run.steps, io, `${run.dialect}: nothing to migrate, the schema is current`);
  return 0;
}

/** `switchboard db rollback`: reverts the last applied migration. */
export async function dbRollback(options: GlobalOptions, io: CliIo): Promise<number> {
  const run = await rollbackDatabase(storageUrlOf(await loadConfig({ file: options.config })));
  printSteps(run.steps, io, `${run.dialect}: nothing to roll back`);
  return 0;
}

/** `switchboard db status`: every migration and whether it has run. */
export async function dbStatus(options: GlobalOptions & { json?: boolean }, io: CliIo): Promise<number> {
  const status = await databaseStatus(storageUrlOf(await loadConfig({ file: options.config })));
  if (options.json) {
    io.out(`${JSON.stringify(status, null, 2)}\n`);
    return 0;
  }
  const rows = status.migrations.map((migration) => [migration.name, migration.appliedAt ?? 'pending']);
  io.out(`${status.dialect}: ${status.pending} pending\n${formatTable(['MIGRATION', 'APPLIED'], rows)}\n`);
  return 0;
}
