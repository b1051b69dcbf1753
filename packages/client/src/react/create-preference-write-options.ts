import type { PreferenceEntry } from '@switchboard/core';
import type { QueryClient, UseMutationOptions } from '@tanstack/react-query';
import type { PreferencesResult } from '../create-switchboard-client.js';
import { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';

/** What a preference write remembers between showing its change and hearing from the server. */
export interface PreferenceWriteContext {
  /** The task's entry before this write: put back when the write fails. */
  previous: PreferenceEntry | undefined;
  /** What this write shows until the server answers; re-applied while writes before it finish. */
  optimistic: PreferenceEntry | undefined;
}

/** What differs between writes (set one, reset one): the change to show, and the call. */
export interface PreferenceWriteSpec<TVariables extends { task: string }> {
  queryClient: QueryClient;
  userId: string;
  /** The entry to show at once; undefined shows nothing until the server answers. */
  optimisticEntry(variables: TVariables): PreferenceEntry | undefined;
  send(variables: TVariables, ifMatch: string | undefined): Promise<PreferencesResult>;
}

/** Shown instead of the server's 412 message, which speaks of versions and ETags. */
export const PREFERENCE_CONFLICT_MESSAGE =
  'Your model preferences were changed elsewhere (another tab or client) after this page loaded them. ' +
  'They have been reloaded: check the current choice and make your change again.';

/** A copy of `result` with one task's entry replaced; the ETag stays (it names what the server holds). */
export function withPreferenceEntry(
  result: PreferencesResult,
  task: string,
  entry: PreferenceEntry,
): PreferencesResult {
  return {
    ...result,
    preferences: { ...result.preferences, tasks: { ...result.preferences.tasks, [task]: entry } },
  };
}

/**
 * The TanStack Query mutation options shared by the preference write hooks:
 *
 * - optimistic: the change shows in the cached preferences at once (`onMutate`), after cancelling a read in
 *   flight that would overwrite it;
 * - one at a time: writes of one user share a mutation `scope`, so each sends `If-Match` with the ETag of the
 *   answer before it, read from the cache when it is sent (never a stale one captured at click time);
 * - success: the server's answer (and its new ETag) replaces the cache, with the changes of writes still
 *   waiting shown on top;
 * - failure: the task's entry is rolled back and the server's error is the mutation's error; on 412 (changed
 *   elsewhere) the preferences are refetched and the error says so in words a person understands.
 */
export function createPreferenceWriteOptions<TVariables extends { task: string }>(
  spec: PreferenceWriteSpec<TVariables>,
): UseMutationOptions<PreferencesResult, SwitchboardApiError, TVariables, PreferenceWriteContext> {
  const { queryClient, userId } = spec;
  const queryKey = switchboardQueryKeys.preferences(userId);
  const mutationKey = switchboardQueryKeys.preferenceWrites(userId);

  /** Shows the changes of the writes still pending (other than `variables`) on top of `result`, oldest first. */
  const withPendingWrites = (result: PreferencesResult, variables: TVariables): PreferencesResult => {
    const pending = queryClient
      .getMutationCache()
      .findAll({ mutationKey, status: 'pending' })
      .filter((mutation) => mutation.state.variables !== variables)
      .sort((a, b) => a.state.submittedAt - b.state.submittedAt);
    let next = result;
    for (const mutation of pending) {
      const task = (mutation.state.variables as { task?: string } | undefined)?.task;
      const optimistic = (mutation.state.context as PreferenceWriteContext | undefined)?.optimistic;
      if (task !== undefined && optimistic) next = withPreferenceEntry(next, task, optimistic);
    }
    return next;
  };

  return {
    mutationKey,
    scope: { id: mutationKey.join('\u0000') },
    async mutationFn(variables) {
      const ifMatch = queryClient.getQueryData<PreferencesResult>(queryKey)?.etag ?? undefined;
      try {
        return await spec.send(variables, ifMatch);
      } catch (error) {
        if (SwitchboardApiError.isInstance(error) && error.status === 412) {
          throw new SwitchboardApiError({
            status: 412,
            code: error.code,
            message: PREFERENCE_CONFLICT_MESSAGE,
            details: { ...error.details, server_message: error.message },
            requestId: error.requestId,
            cause: error,
          });
        }
        throw error;
      }
    },
    async onMutate(variables) {
      await queryClient.cancelQueries({ queryKey });
      const current = queryClient.getQueryData<PreferencesResult>(queryKey);
      const previous = current?.preferences.tasks[variables.task];
      const optimistic = current ? spec.optimisticEntry(variables) : undefined;
      if (current && optimistic)
        queryClient.setQueryData(queryKey, withPreferenceEntry(current, variables.task, optimistic));
      return { previous, optimistic };
    },
    onSuccess(result, variables) {
      queryClient.setQueryData(queryKey, withPendingWrites(result, variables));
    },
    async onError(error, variables, context) {
      const current = queryClient.getQueryData<PreferencesResult>(queryKey);
      if (current && context?.optimistic && context.previous) {
        queryClient.setQueryData(
          queryKey,
          withPendingWrites(withPreferenceEntry(current, variables.task, context.previous), variables),
        );
      }
      if (error.status === 412) {
        // Awaited, so the writes queued behind this one send the fresh ETag.
        await queryClient.invalidateQueries({ queryKey, refetchType: 'all' });
      }
    },
    onSettled() {
      // What a task resolves to follows the user's choice.
      void queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.allResolutions() });
    },
  };
}
