import { availableParallelism } from 'node:os';
import { ConfigError, type SwitchboardConfig } from '@switchboard/core';

/**
 * How many processes `server.workers` asks for: its count, or one per core for `auto` (default 1).
 * Several workers need one database they all see: an in-memory SQLite is refused (each worker would have
 * its own), naming the file and the fields.
 */
export function resolveWorkerCount(
  config: SwitchboardConfig,
  file: string | undefined,
  cores: number = availableParallelism(),
): number {
  const workers = config.server?.workers ?? 1;
  const count = workers === 'auto' ? Math.max(1, cores) : workers;
  if (count > 1 && /^sqlite::memory:$/.test(config.storage?.url ?? '')) {
    throw new ConfigError(
      [
        {
          path: 'server.workers',
          message: `${count} workers cannot share an in-memory database (storage.url "sqlite::memory:"): each would have its own. Use a database file or PostgreSQL, or server.workers: 1.`,
          segments: ['server', 'workers'],
        },
      ],
      file,
    );
  }
  return count;
}
