import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `DELETE /v1/limits/:name` (admin): `mutate(name)`; refetches the limits afterwards. */
export function useDeleteLimit(): UseMutationResult<void, SwitchboardApiError, string> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => client.deleteLimit(name),
    onSettled: () => queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.limits() }),
  });
}
