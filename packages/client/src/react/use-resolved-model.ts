import type { ResolutionResponse } from '@switchboard/core';
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** Options of `useResolvedModel`. */
export interface ResolvedModelOptions {
  /** A model ID that would override the user's choice and the defaults. */
  model?: string | undefined;
  /** Default true; false waits. */
  enabled?: boolean | undefined;
}

/**
 * `GET /v1/ai/resolve`: the model `task` resolves to for the caller right now, the rule that chose it
 * (`source`), what was skipped and why, and who the caller is (`user`). Refetched after every preference or
 * default change made through these hooks.
 */
export function useResolvedModel(
  task: string,
  options: ResolvedModelOptions = {},
): UseQueryResult<ResolutionResponse, SwitchboardApiError> {
  const client = useSwitchboardClient();
  return useQuery({
    queryKey: switchboardQueryKeys.resolution(task, options.model),
    queryFn: ({ signal }) => client.resolve({ task, model: options.model }, { signal }),
    enabled: options.enabled ?? true,
    staleTime: SWITCHBOARD_STALE_TIME_MS,
  });
}
