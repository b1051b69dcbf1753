import type { RecentCallsQuery, RecentCallsResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `GET /v1/usage/calls`: the latest calls, newest first, each with its trace ID when tracing was on. */
export function useRecentCalls(
  query: RecentCallsQuery = {},
): UseQueryResult<RecentCallsResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.recentCalls(query),
    queryFn: ({ signal }) => client.getRecentCalls(query, { signal }),
    staleTime: SWITCHBOARD_STALE_TIME_MS,
  });
}
