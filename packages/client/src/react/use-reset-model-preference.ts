import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PreferencesResult } from '../create-switchboard-client.js';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import type { PreferenceWriteContext } from './create-preference-write-options.js';
import {
  createResetPreferenceOptions,
  type ResetPreferenceVariables,
} from './create-reset-preference-options.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** Puts one task back on the default: `mutate({ task })`; optimistic with rollback, like `useUpdateModelPreference`. */
export function useResetModelPreference(
  userId: string,
): UseMutationResult<
  PreferencesResult,
  SwitchboardApiError,
  ResetPreferenceVariables,
  PreferenceWriteContext
> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation(createResetPreferenceOptions(client, queryClient, userId));
}
