import type { UserProviderKeysResponse } from '@switchboard/core';
import {
  type UseMutationResult,
  type UseQueryResult,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `GET /api/users/:user_id/provider-keys`: the user's own keys (last four only) and which providers take one. */
export function useUserProviderKeys(
  userId: string | undefined,
): UseQueryResult<UserProviderKeysResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.userProviderKeys(userId ?? ''),
    queryFn: ({ signal }) => client.getUserProviderKeys(userId!, { signal }),
    enabled: userId !== undefined,
  });
}

/** Stores (`key` given) or removes (`key` null) the user's own key for a provider; refetches their keys. */
export function useSetUserProviderKey(
  userId: string,
): UseMutationResult<
  UserProviderKeysResponse,
  SwitchboardApiError,
  { provider: string; key: string | null }
> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ provider, key }: { provider: string; key: string | null }) =>
      key === null
        ? client.deleteUserProviderKey(userId, provider)
        : client.putUserProviderKey(userId, provider, key),
    onSuccess: (answer) => queryClient.setQueryData(switchboardQueryKeys.userProviderKeys(userId), answer),
  });
}
