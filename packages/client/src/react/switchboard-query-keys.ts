import type { RecentCallsQuery, UsageQuery } from '@switchboard/core';

/**
 * Every TanStack Query key the hooks use, all under `['switchboard']`: invalidate one of these after a change
 * made elsewhere, or `switchboardQueryKeys.all` after signing in as someone else.
 */
export const switchboardQueryKeys = {
  all: ['switchboard'] as const,
  models: () => ['switchboard', 'models'] as const,
  modelsStatus: () => ['switchboard', 'models-status'] as const,
  /** Every user's preferences (a runtime default changes what fills their unset tasks). */
  allPreferences: () => ['switchboard', 'preferences'] as const,
  preferences: (userId: string) => ['switchboard', 'preferences', userId] as const,
  /** The mutation key (and scope) of a user's preference writes: they run one after another. */
  preferenceWrites: (userId: string) => ['switchboard', 'preference-writes', userId] as const,
  allResolutions: () => ['switchboard', 'resolve'] as const,
  resolution: (task: string, model?: string) => ['switchboard', 'resolve', task, model ?? null] as const,
  allUsage: () => ['switchboard', 'usage'] as const,
  usage: (query: UsageQuery = {}) => ['switchboard', 'usage', query] as const,
  /** Under `allUsage`, so whatever invalidates usage refreshes the recent calls too. */
  recentCalls: (query: RecentCallsQuery = {}) => ['switchboard', 'usage', 'calls', query] as const,
  /** Under `allUsage`: a new call may add a model, a price may take one off. */
  unpriced: () => ['switchboard', 'usage', 'unpriced'] as const,
  me: () => ['switchboard', 'me'] as const,
  limits: () => ['switchboard', 'limits'] as const,
  userProviderKeys: (userId: string) => ['switchboard', 'user-provider-keys', userId] as const,
};
