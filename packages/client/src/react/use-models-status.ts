import type { ModelsStatusResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `GET /v1/ai/models/status`: the listing plus each provider's last known health. */
export function useModelsStatus(): UseQueryResult<ModelsStatusResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.modelsStatus(),
    queryFn: ({ signal }) => client.getModelsStatus({ signal }),
    staleTime: SWITCHBOARD_STALE_TIME_MS,
  });
}
