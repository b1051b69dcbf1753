import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let config: string;

beforeEach(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sb-cli-db-'));
  config = join(dir, 'switchboard.yaml');
  await writeFile(
    config,
    `version: 2\nstorage: { url: "sqlite:${join(dir, 'sb.db')}" }\nmodels: { ollama: {} }\n`,
  );
});

describe('switchboard db', () => {
  it('migrates, reports status, rolls back one step and migrates again', async () => {
    const migrate = await runCli(['--config', config, 'db', 'migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/applied\s+0001_users_and_preferences \(applied\)/);
    const status = await runCli(['--config', config, 'db', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({ dialect: 'sqlite', pending: 0 });
    const rollback = await runCli(['--config', config, 'db', 'rollback']);
    expect(rollback.stdout).toMatch(/reverted 0009_provider_keys/);
    expect(JSON.parse((await runCli(['--config', config, 'db', 'status', '--json'])).stdout).pending).toBe(1);
    expect((await runCli(['--config', config, 'db', 'migrate'])).stdout).toMatch(
      /applied\s+0009_provider_keys/,
    );
  });

  it('lets several processes migrate one fresh SQLite file at once: one migrates, the others wait', async () => {
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => runCli(['--config', config, 'tokens', 'create', '--user', 'alice'])),
    );
    for (const run of runs) expect(run.stderr).not.toMatch(/failed|already exists/);
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0, 0]);
    const list = JSON.parse((await runCli(['--config', config, 'tokens', 'list', '--json'])).stdout);
    expect(list).toHaveLength(4);
  });
});
