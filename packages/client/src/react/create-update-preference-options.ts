import { type PreferenceChoice, type PreferenceEntry, parseModelId } from '@switchboard/core';
import type { QueryClient, UseMutationOptions } from '@tanstack/react-query';
import type { PreferencesResult, SwitchboardClient } from '../create-switchboard-client.js';
import type { SwitchboardApiError } from '../switchboard-api-error.js';
import {
  createPreferenceWriteOptions,
  type PreferenceWriteContext,
} from './create-preference-write-options.js';

/** One task's new model: `{ task: 'chat', choice: { id: 'openai:gpt-4o' } }` or `{ provider, model }`. */
export interface UpdatePreferenceVariables {
  task: string;
  choice: PreferenceChoice;
}

/** The entry a choice will become, or undefined when its ID does not parse (the server will say why). */
function entryOf(choice: PreferenceChoice): PreferenceEntry | undefined {
  const id = 'id' in choice ? choice.id : `${choice.provider}:${choice.model}`;
  try {
    const ref = parseModelId(id);
    return {
      id: ref.id,
      provider: ref.provider,
      model: ref.name,
      source: 'preference',
      updatedAt: new Date().toISOString(),
    };
  } catch {
    return undefined;
  }
}

/**
 * Mutation options of `PUT /api/users/:user_id/model-preferences/:task`, optimistic with rollback (see
 * `createPreferenceWriteOptions`). Exported for `useMutation` callers that add their own callbacks, and tests.
 */
export function createUpdatePreferenceOptions(
  client: SwitchboardClient,
  queryClient: QueryClient,
  userId: string,
): UseMutationOptions<
  PreferencesResult,
  SwitchboardApiError,
  UpdatePreferenceVariables,
  PreferenceWriteContext
> {
  return createPreferenceWriteOptions<UpdatePreferenceVariables>({
    queryClient,
    userId,
    optimisticEntry: ({ choice }) => entryOf(choice),
    send: ({ task, choice }, ifMatch) => client.putPreference(userId, task, choice, { ifMatch }),
  });
}
