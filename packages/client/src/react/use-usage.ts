import type { UsageQuery, UsageResponse } from '@switchboard/core';
import { keepPreviousData, type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/**
 * `GET /v1/usage`: tokens, cost and calls, e.g. `useUsage({ group_by: 'day,task' })`. While a new query
 * loads, the previous answer stays shown (`isPlaceholderData`).
 */
export function useUsage(query: UsageQuery = {}): UseQueryResult<UsageResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.usage(query),
    queryFn: ({ signal }) => client.getUsage(query, { signal }),
    staleTime: SWITCHBOARD_STALE_TIME_MS,
    placeholderData: keepPreviousData,
  });
}
