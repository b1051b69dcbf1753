import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** Whether the caller is an admin (`GET /v1/me`); always true in `auth.mode: local`. */
export function useIsAdmin(): UseQueryResult<boolean, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.me(),
    queryFn: ({ signal }) => client.getMe({ signal }),
    select: (me) => me.role === 'admin',
    staleTime: SWITCHBOARD_STALE_TIME_MS,
    retry: false,
  });
}
