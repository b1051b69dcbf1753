import type { ClearPrimaryBody, PrimaryResponse } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { invalidateDefaults } from './invalidate-defaults.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `DELETE /v1/ai/models/primary` (admin): `mutate({ task })`; the config's default applies again. */
export function useClearPrimary(): UseMutationResult<PrimaryResponse, SwitchboardApiError, ClearPrimaryBody> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: ClearPrimaryBody) => client.clearPrimary(key),
    onSuccess: () => invalidateDefaults(queryClient),
  });
}
