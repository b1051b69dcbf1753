import type { IrBuildBody, IrBuildResponse } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `POST /v1/ir/build`: `mutate({ question, schema?, model? })` gives the validated query IR. */
export function useBuildIr(): UseMutationResult<IrBuildResponse, SwitchboardApiError, IrBuildBody> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IrBuildBody) => client.buildIr(body),
    // The call was counted (or its failure was): usage pages show it.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.allUsage() });
    },
  });
}
