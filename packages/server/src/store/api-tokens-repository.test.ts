import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashTokenSecret, TOKEN_PREFIX } from './api-tokens-repository.js';
import { createStore, type Store } from './create-store.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';

describeEachStore('api tokens repository', (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore(await target.createDatabase());
  });
  afterAll(() => store.close());

  it('create answers the secret once; only its SHA-256 is stored', async () => {
    const created = await store.tokens.create({ userId: 'ada', role: 'admin', name: 'deploy' });
    expect(created.secret).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(created).toMatchObject({
      userId: 'ada',
      role: 'admin',
      name: 'deploy',
      lastUsedAt: null,
      revokedAt: null,
    });

    const rows = await store.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(hashTokenSecret(created.secret));
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(created.secret);
    expect(JSON.stringify(rows)).not.toContain(created.secret.slice(TOKEN_PREFIX.length));

    const listed = await store.tokens.list({ userId: 'ada' });
    expect(listed).toEqual([
      {
        id: created.id,
        userId: 'ada',
        role: 'admin',
        name: 'deploy',
        createdAt: created.createdAt,
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(JSON.stringify(listed)).not.toContain(rows[0]?.token_hash);
  });

  it('two tokens never share a secret', async () => {
    const one = await store.tokens.create({ userId: 'bea', role: 'user' });
    const two = await store.tokens.create({ userId: 'bea', role: 'user' });
    expect(one.secret).not.toBe(two.secret);
    expect(one.id).not.toBe(two.id);
    expect(one.name).toBeNull();
  });

  it('verify accepts the secret, refuses anything else, and records last use in the background', async () => {
    const created = await store.tokens.create({ userId: 'cy', role: 'user', name: 'cli' });
    expect(await store.tokens.verify(created.secret)).toEqual({ id: created.id, userId: 'cy', role: 'user' });
    for (const wrong of [
      '',
      'sb_',
      `${created.secret}x`,
      created.secret.slice(0, -1),
      created.secret.toUpperCase(),
    ]) {
      expect(await store.tokens.verify(wrong)).toBeUndefined();
    }
    expect(await store.tokens.verify(hashTokenSecret(created.secret))).toBeUndefined();
    await store.tokens.drain();
    const [listed] = await store.tokens.list({ userId: 'cy' });
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it('revoke makes the secret fail; revoking again answers false', async () => {
    const created = await store.tokens.create({ userId: 'dee', role: 'admin' });
    expect(await store.tokens.revoke(created.id)).toBe(true);
    expect(await store.tokens.verify(created.secret)).toBeUndefined();
    expect(await store.tokens.revoke(created.id)).toBe(false);
    expect(await store.tokens.revoke('no-such-token')).toBe(false);
    const [listed] = await store.tokens.list({ userId: 'dee' });
    expect(listed?.revokedAt).not.toBeNull();
  });

  it('list without a filter answers every user, oldest first', async () => {
    const users = (await store.tokens.list()).map((token) => token.userId);
    expect(users).toEqual(expect.arrayContaining(['ada', 'bea', 'cy', 'dee']));
  });

  it('the database holds roles to user and admin', async () => {
    await expect(
      store.db
        .insertInto('api_tokens')
        .values({
          id: 'x',
          user_id: 'ada',
          role: 'root' as 'admin',
          name: null,
          token_hash: 'h',
          created_at: new Date().toISOString(),
        })
        .execute(),
    ).rejects.toThrow();
  });
});
