import {
  NoModelConfiguredError,
  type PreferencesResponse,
  type Registry,
  type RuntimeDefaults,
  resolveModel,
} from '@switchboard/core';

/** A user's stored choices, as the store returns them. */
export interface StoredPreferences {
  userId: string;
  version: number;
  updatedAt: string | null;
  tasks: Readonly<Record<string, { modelId: string; updatedAt: string }>>;
}

/**
 * Every task with the model it uses for this user now: their choice, or the default that fills in (a stale
 * choice is skipped and listed). Choices for tasks the config no longer has are left out of the answer.
 */
export function describePreferences(
  registry: Registry,
  runtimeDefaults: RuntimeDefaults,
  stored: StoredPreferences,
): PreferencesResponse {
  const tasks: PreferencesResponse['tasks'] = {};
  for (const name of registry.tasks.keys()) {
    const choice = stored.tasks[name];
    try {
      const resolution = resolveModel(registry, name, { preference: choice?.modelId, runtimeDefaults });
      tasks[name] = {
        id: resolution.model,
        provider: resolution.provider,
        model: resolution.name,
        source: resolution.source as Exclude<typeof resolution.source, 'override' | 'limit_fallback'>,
        ...(resolution.skipped.length ? { skipped: resolution.skipped } : {}),
        updatedAt: resolution.source === 'preference' ? (choice?.updatedAt ?? null) : null,
      };
    } catch (error) {
      if (!(error instanceof NoModelConfiguredError)) throw error;
      const skipped = (error.details.skipped ?? []) as NonNullable<
        PreferencesResponse['tasks'][string]['skipped']
      >;
      tasks[name] = {
        id: null,
        provider: null,
        model: null,
        source: 'none',
        ...(skipped.length ? { skipped } : {}),
        updatedAt: null,
      };
    }
  }
  return { userId: stored.userId, updatedAt: stored.updatedAt, version: stored.version, tasks };
}
