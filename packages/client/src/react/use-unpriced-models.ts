import type { UnpricedModelsResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `GET /v1/usage/unpriced`: models that served calls with no known price and still have none. */
export function useUnpricedModels(): UseQueryResult<UnpricedModelsResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.unpriced(),
    queryFn: ({ signal }) => client.getUnpricedModels({ signal }),
    staleTime: SWITCHBOARD_STALE_TIME_MS,
  });
}
