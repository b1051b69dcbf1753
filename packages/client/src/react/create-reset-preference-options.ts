import { type ModelsResponse, type PreferenceEntry, parseModelId } from '@switchboard/core';
import type { QueryClient, UseMutationOptions } from '@tanstack/react-query';
import type { PreferencesResult, SwitchboardClient } from '../create-switchboard-client.js';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import {
  createPreferenceWriteOptions,
  type PreferenceWriteContext,
} from './create-preference-write-options.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';

/** The task to put back on its default. */
export interface ResetPreferenceVariables {
  task: string;
}

/** The task's default as the cached models listing has it; undefined when the listing is not cached. */
function defaultEntryOf(queryClient: QueryClient, task: string): PreferenceEntry | undefined {
  const listing =
    queryClient.getQueryData<ModelsResponse>(switchboardQueryKeys.models()) ??
    queryClient.getQueryData<ModelsResponse>(switchboardQueryKeys.modelsStatus());
  const info = listing?.tasks.find((candidate) => candidate.name === task);
  if (!info) return undefined;
  if (info.default === null)
    return { id: null, provider: null, model: null, source: 'none', updatedAt: null };
  try {
    const ref = parseModelId(info.default);
    return {
      id: ref.id,
      provider: ref.provider,
      model: ref.name,
      source: info.default_source,
      updatedAt: null,
    };
  } catch {
    return undefined;
  }
}

/**
 * Mutation options of `DELETE /api/users/:user_id/model-preferences/:task`: shows the task's default at once
 * (from the cached models listing), rolled back if the server refuses (see `createPreferenceWriteOptions`).
 */
export function createResetPreferenceOptions(
  client: SwitchboardClient,
  queryClient: QueryClient,
  userId: string,
): UseMutationOptions<
  PreferencesResult,
  SwitchboardApiError,
  ResetPreferenceVariables,
  PreferenceWriteContext
> {
  return createPreferenceWriteOptions<ResetPreferenceVariables>({
    queryClient,
    userId,
    optimisticEntry: ({ task }) => defaultEntryOf(queryClient, task),
    send: ({ task }, ifMatch) => client.resetPreference(userId, task, { ifMatch }),
  });
}
