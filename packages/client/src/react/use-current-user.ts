import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/**
 * The caller's user ID (`local` in `auth.mode: local`), from `GET /v1/me`. A 401 error means the server
 * wants a token (`auth.mode: token`); it is not retried.
 */
export function useCurrentUser(): UseQueryResult<string, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.me(),
    queryFn: ({ signal }) => client.getMe({ signal }),
    select: (me) => me.user,
    staleTime: SWITCHBOARD_STALE_TIME_MS,
    retry: false,
  });
}
