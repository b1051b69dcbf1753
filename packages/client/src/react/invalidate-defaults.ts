import type { QueryClient } from '@tanstack/react-query';
import { switchboardQueryKeys } from './switchboard-query-keys.js';

/** After a runtime default changes: the listing, every resolution and every user's unset tasks follow it. */
export async function invalidateDefaults(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.models() }),
    queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.modelsStatus() }),
    queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.allResolutions() }),
    queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.allPreferences() }),
  ]);
}
