import type { MeResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/**
 * Who the server takes the caller for (`GET /v1/me`): user, role and auth mode. A 401 means the server wants
 * a token (`auth.mode: token`); it is not retried.
 */
export function useMe(): UseQueryResult<MeResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.me(),
    queryFn: ({ signal }) => client.getMe({ signal }),
    staleTime: SWITCHBOARD_STALE_TIME_MS,
    retry: false,
  });
}
