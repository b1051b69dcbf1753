import type { ModelFacts } from '../catalog/model-facts.js';
import type { ProviderKind } from '../provider-kinds.js';
import type { TaskRequirements } from '../requirements/task-requirements.js';

/** One provider as the gateway sees it after loading the config. Never holds the key. */
export interface ProviderInfo {
  name: string;
  kind: ProviderKind;
  /** Base URL the proxy and the task endpoints use. */
  endpoint: string;
  /** False when the provider cannot be called: its key is missing, or an env variable is not set. */
  configured: boolean;
  /** Why it is not configured, for people (`environment variable OPENAI_API_KEY is not set`). */
  unconfigured_reason?: string | undefined;
  /** Whether an API key is present (never the key itself). */
  has_api_key: boolean;
  /** True when the only thing missing is a key: adding one (at runtime too) makes the provider configured. */
  needs_key?: true | undefined;
  /** `models.<name>.user_keys: allow`: users may bring their own key for this provider. */
  user_keys?: boolean | undefined;
  discover: boolean;
  catalog: boolean;
  timeout_ms?: number | undefined;
}

/** Where a model's entry came from. */
export type ModelOrigin = 'config' | 'catalog' | 'discovered';

/** One model of the registry, with the facts the settings page shows. */
export interface ModelInfo extends ModelFacts {
  id: string;
  provider: string;
  name: string;
  kind: ProviderKind;
  label?: string | undefined;
  /** False for models only discovered from the provider: usable as an override, not as a preference. */
  registered: boolean;
  origin: ModelOrigin;
}

/** One task with what the config says of it. */
export interface TaskInfo {
  name: string;
  label: string;
  description: string;
  category: string;
  capability: string;
  /** `tasks.<task>.default`, if set. */
  default?: string | undefined;
  fallbacks: string[];
  built_in: boolean;
  /** What its model needs beyond the capability (feature names canonical); `{}` when nothing. */
  requires: TaskRequirements;
}

/** Everything `resolveModel` and the models routes need, derived once from a config. Immutable. */
export interface Registry {
  readonly providers: ReadonlyMap<string, ProviderInfo>;
  readonly models: ReadonlyMap<string, ModelInfo>;
  readonly tasks: ReadonlyMap<string, TaskInfo>;
  readonly capabilities: readonly string[];
  /** `models.defaults`: capability or task name to model ID. */
  readonly defaults: Readonly<Record<string, string>>;
  readonly allowUnregistered: boolean;
  /** `models.aliases`: a name a request may put in `model`, to the model ID it stands for. */
  readonly aliases: Readonly<Record<string, string>>;
}
