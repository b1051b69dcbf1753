import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { PreferencesResult } from '../create-switchboard-client.js';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import type { PreferenceWriteContext } from './create-preference-write-options.js';
import {
  createUpdatePreferenceOptions,
  type UpdatePreferenceVariables,
} from './create-update-preference-options.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/**
 * Sets one task's model for a user: `mutate({ task, choice: { id } })`. The change shows at once; a refusal
 * rolls it back and leaves the server's message in `error`; a 412 (changed elsewhere) reloads the preferences
 * and says so. Writes of one user run one after another, each with the latest ETag as `If-Match`.
 */
export function useUpdateModelPreference(
  userId: string,
): UseMutationResult<
  PreferencesResult,
  SwitchboardApiError,
  UpdatePreferenceVariables,
  PreferenceWriteContext
> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation(createUpdatePreferenceOptions(client, queryClient, userId));
}
