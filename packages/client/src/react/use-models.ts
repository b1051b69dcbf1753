import type { ModelsResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `GET /v1/ai/models`: every model, task and provider, and the effective defaults. */
export function useModels(): UseQueryResult<ModelsResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.models(),
    queryFn: ({ signal }) => client.listModels({ signal }),
    staleTime: SWITCHBOARD_STALE_TIME_MS,
  });
}
