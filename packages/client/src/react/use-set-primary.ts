import type { PrimaryResponse, SetPrimaryBody } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { invalidateDefaults } from './invalidate-defaults.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `POST /v1/ai/models/primary` (admin): `mutate({ task, model })` or `{ capability, model }`; refetches what depends on it. */
export function useSetPrimary(): UseMutationResult<PrimaryResponse, SwitchboardApiError, SetPrimaryBody> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetPrimaryBody) => client.setPrimary(body),
    onSuccess: () => invalidateDefaults(queryClient),
  });
}
