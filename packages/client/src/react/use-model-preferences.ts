import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { PreferencesResult } from '../create-switchboard-client.js';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/**
 * `GET /api/users/:user_id/model-preferences`: the user's model for every task, with the ETag that the
 * write hooks send back as `If-Match`. Waits while `userId` is undefined (e.g. until the user is known).
 */
export function useModelPreferences(
  userId: string | undefined,
): UseQueryResult<PreferencesResult, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.preferences(userId ?? ''),
    queryFn: ({ signal }) => client.getPreferences(userId!, { signal }),
    enabled: userId !== undefined,
    staleTime: SWITCHBOARD_STALE_TIME_MS,
  });
}
