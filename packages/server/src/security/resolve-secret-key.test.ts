import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSecretKeySource, resolveSecretKey, SECRET_KEY_FILE } from './resolve-secret-key.js';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('resolveSecretKey', () => {
  it('takes SWITCHBOARD_SECRET_KEY of 32 characters or more, and refuses a shorter one clearly', async () => {
    const sqlite = { dialect: 'sqlite' as const, filename: ':memory:' };
    const long = 'x'.repeat(32);
    expect(await resolveSecretKey({ env: { SWITCHBOARD_SECRET_KEY: long }, store: sqlite })).toEqual({
      secret: long,
      source: { kind: 'env' },
    });
    await expect(
      resolveSecretKey({ env: { SWITCHBOARD_SECRET_KEY: 'short' }, store: sqlite }),
    ).rejects.toThrow(/SWITCHBOARD_SECRET_KEY holds 5 characters; expected at least 32/);
  });

  it('creates a 0600 key file beside the SQLite file once, and reads it back after', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'switchboard-secret-'));
    folders.push(folder);
    const store = { dialect: 'sqlite' as const, filename: join(folder, 'switchboard.db') };
    const first = await resolveSecretKey({ env: {}, store });
    const path = join(folder, SECRET_KEY_FILE);
    expect(first.source).toEqual({ kind: 'file', path, created: true });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await resolveSecretKey({ env: {}, store });
    expect(second).toEqual({ secret: first.secret, source: { kind: 'file', path, created: false } });
    expect(describeSecretKeySource(second.source)).toBe(
      `runtime provider keys: encrypted with the key file ${path}`,
    );
    expect(describeSecretKeySource(second.source)).not.toContain(String(first.secret));
  });

  it('turns runtime keys off on PostgreSQL without the variable, saying why', async () => {
    const resolved = await resolveSecretKey({ env: {}, store: { dialect: 'postgres' } });
    expect(resolved.secret).toBeUndefined();
    expect(describeSecretKeySource(resolved.source)).toMatch(/off: .*SWITCHBOARD_SECRET_KEY.*PostgreSQL/);
  });
});
