import type { LimitStatus, PutLimitBody } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** What `usePutLimit().mutate` takes. */
export interface PutLimitVariables {
  name: string;
  rule: PutLimitBody;
}

/** `PUT /v1/limits/:name` (admin): `mutate({ name, rule })`; refetches the limits afterwards. */
export function usePutLimit(): UseMutationResult<LimitStatus, SwitchboardApiError, PutLimitVariables> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, rule }: PutLimitVariables) => client.putLimit(name, rule),
    onSettled: () => queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.limits() }),
  });
}
