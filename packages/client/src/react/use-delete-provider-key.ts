import type { ProviderKeysResponse } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `DELETE /v1/providers/:provider/keys/:label` (admin): `mutate({ provider, label })`. */
export function useDeleteProviderKey(): UseMutationResult<
  ProviderKeysResponse,
  SwitchboardApiError,
  { provider: string; label: string }
> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, label }: { provider: string; label: string }) =>
      client.deleteProviderKey(provider, label),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.modelsStatus() });
      await queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.models() });
    },
  });
}
