import type { SqlBody, SqlResponse } from '@switchboard/core';
import { type UseMutationResult, useMutation, useQueryClient } from '@tanstack/react-query';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import { switchboardQueryKeys } from './switchboard-query-keys.js';
import { useSwitchboardClient } from './use-switchboard-client.js';

/** `POST /v1/sql`: `mutate({ ir, dialect, model? })` (or `{ question, ... }`) gives the SQL. */
export function useGenerateSql(): UseMutationResult<SqlResponse, SwitchboardApiError, SqlBody> {
  const client = useSwitchboardClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SqlBody) => client.generateSql(body),
    // The call was counted (or its failure was): usage pages show it.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: switchboardQueryKeys.allUsage() });
    },
  });
}
