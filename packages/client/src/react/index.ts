export {
  createPreferenceWriteOptions,
  PREFERENCE_CONFLICT_MESSAGE,
  type PreferenceWriteContext,
  type PreferenceWriteSpec,
  withPreferenceEntry,
} from './create-preference-write-options.js';
export {
  createResetPreferenceOptions,
  type ResetPreferenceVariables,
} from './create-reset-preference-options.js';
export {
  createUpdatePreferenceOptions,
  type UpdatePreferenceVariables,
} from './create-update-preference-options.js';
export { SwitchboardProvider, type SwitchboardProviderProps } from './switchboard-provider.js';
export { switchboardQueryKeys } from './switchboard-query-keys.js';
export { SWITCHBOARD_STALE_TIME_MS } from './switchboard-stale-time.js';
export { useBuildIr } from './use-build-ir.js';
export {
  type ChatCompletionStream,
  type ChatCompletionStreamState,
  useChatCompletionStream,
} from './use-chat-completion-stream.js';
export { useClearPrimary } from './use-clear-primary.js';
export { useCurrentUser } from './use-current-user.js';
export { useDeleteLimit } from './use-delete-limit.js';
export { useDeleteProviderKey } from './use-delete-provider-key.js';
export { useGenerateSql } from './use-generate-sql.js';
export { useIsAdmin } from './use-is-admin.js';
export { useLimits } from './use-limits.js';
export { useMe } from './use-me.js';
export { useModelPreferences } from './use-model-preferences.js';
export { useModels } from './use-models.js';
export { useModelsStatus } from './use-models-status.js';
export { type PutLimitVariables, usePutLimit } from './use-put-limit.js';
export { type PutProviderKeyVariables, usePutProviderKey } from './use-put-provider-key.js';
export { useRecentCalls } from './use-recent-calls.js';
export { useRefreshModelsStatus } from './use-refresh-models-status.js';
export { useResetModelPreference } from './use-reset-model-preference.js';
export { type ResolvedModelOptions, useResolvedModel } from './use-resolved-model.js';
export { useSetPrimary } from './use-set-primary.js';
export { useSwitchboardClient } from './use-switchboard-client.js';
export { useUnpricedModels } from './use-unpriced-models.js';
export { useUpdateModelPreference } from './use-update-model-preference.js';
export { useUsage } from './use-usage.js';
export { useSetUserProviderKey, useUserProviderKeys } from './use-user-provider-keys.js';
