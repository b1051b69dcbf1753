import { ConfigError, type SwitchboardConfig } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { resolveWorkerCount } from './resolve-worker-count.js';

const config = (server: SwitchboardConfig['server'], url = 'sqlite:./data/switchboard.db') =>
  ({ server, storage: { url }, models: {} }) as SwitchboardConfig;

describe('resolveWorkerCount', () => {
  it('is 1 by default, the count given, or one per core for auto', () => {
    expect(resolveWorkerCount(config(undefined), 'a.yaml', 8)).toBe(1);
    expect(resolveWorkerCount(config({ workers: 3 }), 'a.yaml', 8)).toBe(3);
    expect(resolveWorkerCount(config({ workers: 'auto' }), 'a.yaml', 8)).toBe(8);
  });

  it('refuses several workers on an in-memory database, naming the field', () => {
    const refuse = () => resolveWorkerCount(config({ workers: 2 }, 'sqlite::memory:'), 'a.yaml', 8);
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(/a\.yaml: server\.workers: 2 workers cannot share an in-memory database/);
    expect(resolveWorkerCount(config({ workers: 1 }, 'sqlite::memory:'), 'a.yaml', 8)).toBe(1);
  });
});
