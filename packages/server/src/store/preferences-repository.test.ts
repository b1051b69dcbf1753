import { InvalidModelIdError } from '@switchboard/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.js';
import { describeEachStore } from './test-fixtures/describe-each-store.js';
import { VersionConflictError } from './version-conflict-error.js';

async function countRows(store: Store, table: 'users' | 'model_preferences' | 'api_tokens', userId: string) {
  const column = table === 'users' ? 'id' : 'user_id';
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where(column, '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describeEachStore('preferences repository', (target) => {
  let store: Store;
  beforeAll(async () => {
    store = await createStore(await target.createDatabase());
  });
  afterAll(() => store.close());

  it('reads an unknown user as version 0 with no tasks, and the read writes nothing', async () => {
    expect(await store.preferences.get('nobody')).toEqual({
      userId: 'nobody',
      version: 0,
      updatedAt: null,
      tasks: {},
    });
    expect(await countRows(store, 'users', 'nobody')).toBe(0);
  });

  it('set creates the user, stores the model and bumps the version each time', async () => {
    const first = await store.preferences.set('ann', 'chat', 'openai:gpt-4o');
    expect(first.version).toBe(1);
    expect(first.tasks.chat?.modelId).toBe('openai:gpt-4o');
    expect(first.updatedAt).toBe(first.tasks.chat?.updatedAt);
    const second = await store.preferences.set('ann', 'chat', 'ollama:llama3:latest');
    expect(second.version).toBe(2);
    expect(second.tasks).toEqual({
      chat: { modelId: 'ollama:llama3:latest', updatedAt: expect.any(String) },
    });
    expect(await store.preferences.get('ann')).toEqual(second);
    // Reading again still does not write.
    expect((await store.preferences.get('ann')).version).toBe(2);
  });

  it('setMany writes every task in one go, with one version bump', async () => {
    const written = await store.preferences.setMany('bob', {
      chat: 'anthropic:claude-sonnet-4-5-20250929',
      sql: 'ollama:sqlcoder:7b',
      embeddings: 'openai:text-embedding-3-small',
    });
    expect(written.version).toBe(1);
    expect(Object.keys(written.tasks).sort()).toEqual(['chat', 'embeddings', 'sql']);
    // Unknown tasks and providers are the caller's business: the database only checks the ID's shape.
    const more = await store.preferences.setMany('bob', {
      some_new_task: 'newprovider:model/x',
      chat: 'openai:gpt-5',
    });
    expect(more.version).toBe(2);
    expect(more.tasks.chat?.modelId).toBe('openai:gpt-5');
    expect(more.tasks.sql?.modelId).toBe('ollama:sqlcoder:7b');
    expect(more.tasks.some_new_task?.modelId).toBe('newprovider:model/x');
  });

  it('setMany is all or nothing: a CHECK failure mid-transaction leaves no trace', async () => {
    await store.preferences.set('cat', 'chat', 'openai:gpt-4o');
    const before = await store.preferences.get('cat');
    for (const bad of ['no-colon', ':no-provider', 'no-name:']) {
      const attempt = store.preferences.setMany('cat', {
        chat: 'openai:gpt-5',
        prd_generation: 'openai:gpt-4o',
        sql: bad,
      });
      await expect(attempt).rejects.toBeInstanceOf(InvalidModelIdError);
      await expect(attempt).rejects.toMatchObject({ code: 'invalid_model_id', details: { id: bad } });
    }
    expect(await store.preferences.get('cat')).toEqual(before);

    // A brand-new user is not created by a failed write either.
    await expect(store.preferences.setMany('dan', { chat: 'openai:gpt-4o', sql: 'bad' })).rejects.toThrow(
      InvalidModelIdError,
    );
    expect(await countRows(store, 'users', 'dan')).toBe(0);
  });

  it('the database itself refuses a malformed model ID', async () => {
    await store.preferences.set('eve', 'chat', 'openai:gpt-4o');
    await expect(
      store.db
        .insertInto('model_preferences')
        .values({ user_id: 'eve', task: 'sql', model_id: 'openai', updated_at: new Date().toISOString() })
        .execute(),
    ).rejects.toThrow();
  });

  it('reset removes one task, resetAll every task; both bump the version', async () => {
    await store.preferences.setMany('fay', { chat: 'openai:gpt-4o', sql: 'ollama:sqlcoder:7b' });
    const reset = await store.preferences.reset('fay', 'chat');
    expect(reset.version).toBe(2);
    expect(Object.keys(reset.tasks)).toEqual(['sql']);
    const all = await store.preferences.resetAll('fay');
    expect(all).toEqual({ userId: 'fay', version: 3, updatedAt: null, tasks: {} });
  });

  it('expectedVersion: a match writes, a mismatch throws VersionConflictError and writes nothing', async () => {
    const first = await store.preferences.set('gus', 'chat', 'openai:gpt-4o', { expectedVersion: 0 });
    expect(first.version).toBe(1);
    const second = await store.preferences.setMany(
      'gus',
      { sql: 'ollama:sqlcoder:7b' },
      { expectedVersion: 1 },
    );
    expect(second.version).toBe(2);

    const stale = store.preferences.set('gus', 'chat', 'openai:gpt-5', { expectedVersion: 1 });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({
      code: 'version_conflict',
      expectedVersion: 1,
      actualVersion: 2,
    });
    await expect(store.preferences.reset('gus', 'chat', { expectedVersion: 7 })).rejects.toThrow(
      VersionConflictError,
    );
    await expect(store.preferences.resetAll('gus', { expectedVersion: 0 })).rejects.toThrow(
      VersionConflictError,
    );
    expect(await store.preferences.get('gus')).toEqual(second);

    // A new user is at version 0; expecting anything else fails without creating them.
    await expect(
      store.preferences.set('hal', 'chat', 'openai:gpt-4o', { expectedVersion: 3 }),
    ).rejects.toMatchObject({
      actualVersion: 0,
    });
    expect(await countRows(store, 'users', 'hal')).toBe(0);
  });

  it('50 concurrent writers on one user lose no write', async () => {
    const writes = Array.from({ length: 50 }, (_, index) =>
      index % 5 === 0
        ? store.preferences.setMany('ivy', {
            [`task_${index}`]: `openai:model-${index}`,
            shared: `openai:m-${index}`,
          })
        : store.preferences.set('ivy', `task_${index}`, `openai:model-${index}`),
    );
    const results = await Promise.all(writes);
    // Every writer got its own version: the bumps were serialised, none overwritten.
    expect(results.map((result) => result.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
    const final = await store.preferences.get('ivy');
    expect(final.version).toBe(50);
    for (let index = 0; index < 50; index++) {
      expect(final.tasks[`task_${index}`]?.modelId).toBe(`openai:model-${index}`);
    }
    // Whichever setMany committed last owns `shared`.
    const last = results.filter((result) => result.tasks.shared).sort((a, b) => b.version - a.version)[0];
    expect(final.tasks.shared?.modelId).toBe(last?.tasks.shared?.modelId);
  });

  it('50 concurrent writers with the same If-Match version: exactly one wins', async () => {
    const base = await store.preferences.set('jay', 'chat', 'openai:gpt-4o');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        store.preferences.set('jay', 'chat', `openai:model-${index}`, { expectedVersion: base.version }),
      ),
    );
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((outcome) => outcome.reason instanceof VersionConflictError)).toBe(true);
    expect((await store.preferences.get('jay')).version).toBe(base.version + 1);
  });

  it('deleteUser cascades to preferences and tokens', async () => {
    await store.preferences.setMany('kim', { chat: 'openai:gpt-4o', sql: 'ollama:sqlcoder:7b' });
    await store.tokens.create({ userId: 'kim', role: 'user', name: 'laptop' });
    await store.preferences.set('lee', 'chat', 'openai:gpt-4o');
    expect(await countRows(store, 'model_preferences', 'kim')).toBe(2);
    expect(await countRows(store, 'api_tokens', 'kim')).toBe(1);

    expect(await store.preferences.deleteUser('kim')).toBe(true);
    expect(await countRows(store, 'users', 'kim')).toBe(0);
    expect(await countRows(store, 'model_preferences', 'kim')).toBe(0);
    expect(await countRows(store, 'api_tokens', 'kim')).toBe(0);
    expect(await store.preferences.get('kim')).toMatchObject({ version: 0, tasks: {} });
    // Other users are untouched.
    expect((await store.preferences.get('lee')).tasks.chat?.modelId).toBe('openai:gpt-4o');
    expect(await store.preferences.deleteUser('kim')).toBe(false);
  });

  it('keeps task names that look like prototype keys as plain data', async () => {
    const written = await store.preferences.set('max', '__proto__', 'openai:gpt-4o');
    expect(Object.hasOwn(written.tasks, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(written.tasks)).toBe(Object.prototype);
  });
});
