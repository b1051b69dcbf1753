import type { ModelsStatusResponse } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/**
 * "Check now": `GET /v1/ai/models/status?refresh=true` probes every provider and the answer replaces the
 * cached status. Discovery may have found models, so the models listing is refetched too.
 */
export function useRefreshModelsStatus(): UseMutationResult<ModelsStatusResponse, SwitchboardApiError, void> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.getModelsStatus({ refresh: true }),
    onSuccess: async (status) => {
      queryClient.setQueryData(switchboardQueryKeys.modelsStatus(), status);
      await queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.models() });
    },
  });
}
