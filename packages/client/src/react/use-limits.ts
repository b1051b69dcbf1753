import type { LimitsResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** How often the limits refetch while shown: counters move with every call. */
export const LIMITS_REFETCH_MS = 10_000;

/** `GET /v1/limits`: the limits that apply to the caller (admins: every limit), refreshed every 10 s. */
export function useLimits(): UseQueryResult<LimitsResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.limits(),
    queryFn: ({ signal }) => client.getLimits({ signal }),
    refetchInterval: LIMITS_REFETCH_MS,
  });
}
