import type { ModelsResponse, PreferenceEntry } from '@switchboard/core';
import { MutationObserver, QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { PreferencesResult, SwitchboardClient } from '../create-switchboard-client.js';
import { SwitchboardApiError } from '../switchboard-api-error.js';
import { PREFERENCE_CONFLICT_MESSAGE } from './create-preference-write-options.js';
import { createResetPreferenceOptions } from './create-reset-preference-options.js';
import { createUpdatePreferenceOptions } from './create-update-preference-options.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';

const USER = 'alice';
const DEFAULT_CHAT: PreferenceEntry = {
  id: 'openai:gpt-4o-mini',
  provider: 'openai',
  model: 'gpt-4o-mini',
  source: 'config_default',
  updatedAt: null,
};

function preferences(version: number, tasks: Record<string, PreferenceEntry>): PreferencesResult {
  return { preferences: { userId: USER, updatedAt: null, version, tasks }, etag: `"${version}"` };
}

function chosen(id: string): PreferenceEntry {
  const colon = id.indexOf(':');
  return {
    id,
    provider: id.slice(0, colon),
    model: id.slice(colon + 1),
    source: 'preference',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** A server the test answers by hand: each write waits until the test settles it. */
function createFakeServer() {
  const calls: Array<{
    method: string;
    task: string;
    body: unknown;
    ifMatch: string | undefined;
    settle(answer: PreferencesResult | Error): void;
  }> = [];
  const take = (method: string, task: string, body: unknown, ifMatch: string | undefined) =>
    new Promise<PreferencesResult>((resolve, reject) => {
      calls.push({
        method,
        task,
        body,
        ifMatch,
        settle: (answer) => (answer instanceof Error ? reject(answer) : resolve(answer)),
      });
    });
  const client = {
    putPreference: (_user: string, task: string, choice: unknown, options?: { ifMatch?: string }) =>
      take('PUT', task, choice, options?.ifMatch),
    resetPreference: (_user: string, task: string, options?: { ifMatch?: string }) =>
      take('DELETE', task, undefined, options?.ifMatch),
  } as unknown as SwitchboardClient;
  const next = async (count = 1) => {
    for (let tries = 0; calls.length < count && tries < 100; tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 1));
    return calls[count - 1]!;
  };
  return { client, calls, next };
}

function setup(
  initial = preferences(0, {
    chat: DEFAULT_CHAT,
    sql: { ...DEFAULT_CHAT, id: 'ollama:sqlcoder:7b', provider: 'ollama', model: 'sqlcoder:7b' },
  }),
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const server = createFakeServer();
  const key = switchboardQueryKeys.preferences(USER);
  queryClient.setQueryData(key, initial);
  const cached = () => queryClient.getQueryData<PreferencesResult>(key)!;
  const update = () =>
    new MutationObserver(queryClient, createUpdatePreferenceOptions(server.client, queryClient, USER));
  const reset = () =>
    new MutationObserver(queryClient, createResetPreferenceOptions(server.client, queryClient, USER));
  return { queryClient, server, key, cached, update, reset };
}

describe('preference writes (useUpdateModelPreference, useResetModelPreference)', () => {
  it('shows the change at once, sends If-Match with the ETag held, and keeps the server answer and its new ETag', async () => {
    const { server, cached, update } = setup();
    const done = update().mutate({ task: 'chat', choice: { id: 'anthropic:claude-haiku-4-5-20251001' } });

    const call = await server.next();
    expect(cached().preferences.tasks.chat).toMatchObject({
      id: 'anthropic:claude-haiku-4-5-20251001',
      source: 'preference',
    });
    expect(cached().etag).toBe('"0"');
    expect(call).toMatchObject({
      method: 'PUT',
      task: 'chat',
      ifMatch: '"0"',
      body: { id: 'anthropic:claude-haiku-4-5-20251001' },
    });

    call.settle(preferences(1, { chat: chosen('anthropic:claude-haiku-4-5-20251001') }));
    await done;
    expect(cached()).toEqual(preferences(1, { chat: chosen('anthropic:claude-haiku-4-5-20251001') }));
  });

  it("rolls the change back when the server refuses, and the mutation's error is the server's", async () => {
    const { server, cached, update } = setup();
    const observer = update();
    const done = observer
      .mutate({ task: 'chat', choice: { provider: 'openai', model: 'gpt-4o' } })
      .catch((error) => error);

    const call = await server.next();
    expect(cached().preferences.tasks.chat?.id).toBe('openai:gpt-4o');
    const refusal = new SwitchboardApiError({
      status: 400,
      code: 'capability_mismatch',
      message: 'gpt-4o cannot serve "chat" here',
    });
    call.settle(refusal);

    expect(await done).toBe(refusal);
    expect(cached().preferences.tasks.chat).toEqual(DEFAULT_CHAT);
    expect(cached().etag).toBe('"0"');
    expect(observer.getCurrentResult()).toMatchObject({ status: 'error', error: refusal });
  });

  it('on 412 rolls back, refetches, and says in words that the preferences changed elsewhere', async () => {
    const { queryClient, server, key, cached, update } = setup();
    // First the page's read; then the refetch the conflict triggers: the preferences as another client left them.
    let refetched = 0;
    queryClient.removeQueries({ queryKey: key });
    await queryClient.fetchQuery({
      queryKey: key,
      queryFn: async () => {
        if (refetched++ === 0) return preferences(0, { chat: DEFAULT_CHAT });
        return preferences(5, { chat: DEFAULT_CHAT, sql: chosen('ollama:sqlcoder:7b') });
      },
    });
    const done = update()
      .mutate({ task: 'chat', choice: { id: 'openai:gpt-4o' } })
      .catch((error) => error);
    const conflict = new SwitchboardApiError({
      status: 412,
      code: 'version_conflict',
      message: 'The preferences are at version 5; the request was based on version 0.',
      requestId: 'req-7',
    });
    (await server.next()).settle(conflict);

    const error = await done;
    expect(SwitchboardApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 412,
      code: 'version_conflict',
      message: PREFERENCE_CONFLICT_MESSAGE,
      requestId: 'req-7',
    });
    expect(error.details.server_message).toBe(conflict.message);
    expect(refetched).toBe(2);
    expect(cached().etag).toBe('"5"');
    expect(cached().preferences.tasks.sql?.source).toBe('preference');
    expect(cached().preferences.tasks.chat).toEqual(DEFAULT_CHAT);
  });

  it('runs writes one after another, each sending the ETag of the answer before it, and keeps later changes shown', async () => {
    const { server, cached, update } = setup();
    const first = update().mutate({ task: 'chat', choice: { id: 'openai:gpt-4o' } });
    const second = update().mutate({ task: 'sql', choice: { id: 'compat:sql-1' } });

    const firstCall = await server.next(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The second waits for the first: one request in flight.
    expect(server.calls).toHaveLength(1);
    expect(cached().preferences.tasks.chat?.id).toBe('openai:gpt-4o');
    expect(cached().preferences.tasks.sql?.id).toBe('compat:sql-1');

    firstCall.settle(preferences(1, { chat: chosen('openai:gpt-4o'), sql: DEFAULT_CHAT }));
    await first;
    // The server's answer does not hide the change still on its way.
    expect(cached().etag).toBe('"1"');
    expect(cached().preferences.tasks.sql?.id).toBe('compat:sql-1');

    const secondCall = await server.next(2);
    expect(secondCall.ifMatch).toBe('"1"');
    secondCall.settle(preferences(2, { chat: chosen('openai:gpt-4o'), sql: chosen('compat:sql-1') }));
    await second;
    expect(cached()).toEqual(preferences(2, { chat: chosen('openai:gpt-4o'), sql: chosen('compat:sql-1') }));
  });

  it("reset shows the task's default from the cached listing at once, and rolls back if refused", async () => {
    const { queryClient, server, cached, reset } = setup(preferences(3, { chat: chosen('openai:gpt-4o') }));
    queryClient.setQueryData<Partial<ModelsResponse>>(switchboardQueryKeys.models(), {
      tasks: [
        {
          name: 'chat',
          label: 'Chat',
          description: '',
          category: 'Conversation',
          capability: 'chat',
          built_in: true,
          default: 'anthropic:claude-sonnet-4-5-20250929',
          default_source: 'runtime_default',
          fallbacks: [],
        },
      ],
    });
    const done = reset()
      .mutate({ task: 'chat' })
      .catch((error) => error);
    const call = await server.next();
    expect(call).toMatchObject({ method: 'DELETE', task: 'chat', ifMatch: '"3"' });
    expect(cached().preferences.tasks.chat).toEqual({
      id: 'anthropic:claude-sonnet-4-5-20250929',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5-20250929',
      source: 'runtime_default',
      updatedAt: null,
    });
    call.settle(
      new SwitchboardApiError({
        status: 503,
        code: 'store_unavailable',
        message: 'The database is not answering.',
      }),
    );
    await expect(done).resolves.toMatchObject({ message: 'The database is not answering.' });
    expect(cached().preferences.tasks.chat).toEqual(chosen('openai:gpt-4o'));
  });
});
