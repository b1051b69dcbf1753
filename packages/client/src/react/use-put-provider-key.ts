import type { ProviderKeysResponse, PutProviderKeyBody } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** What `usePutProviderKey().mutate` takes. */
export interface PutProviderKeyVariables {
  provider: string;
  label: string;
  body: PutProviderKeyBody;
}

/**
 * `PUT /v1/providers/:provider/keys/:label` (admin). Refetches the models and their status afterwards: a
 * provider whose first key this is becomes configured.
 */
export function usePutProviderKey(): UseMutationResult<
  ProviderKeysResponse,
  SwitchboardApiError,
  PutProviderKeyVariables
> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, label, body }: PutProviderKeyVariables) =>
      client.putProviderKey(provider, label, body),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.modelsStatus() });
      await queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.models() });
    },
  });
}
