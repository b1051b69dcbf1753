export { type ApiErrorBody, apiErrorSchema } from './api/error-body.js';
export {
  type Ir,
  type IrBuildBody,
  type IrBuildResponse,
  irBuildBodySchema,
  irBuildResponseSchema,
  irSchema,
  SQL_DIALECTS,
  type SqlBody,
  type SqlResponse,
  sqlBodySchema,
  sqlResponseSchema,
} from './api/ir-schemas.js';
export {
  type LimitCounter,
  type LimitStatus,
  type LimitsResponse,
  limitCounterSchema,
  limitStatusSchema,
  limitsResponseSchema,
  type PutLimitBody,
  putLimitBodySchema,
} from './api/limit-schemas.js';
export { type MeResponse, meResponseSchema } from './api/me-schemas.js';
export {
  type ApiModel,
  type ApiProvider,
  type ApiTask,
  type ClearPrimaryBody,
  clearPrimarySchema,
  type ModelsResponse,
  type ModelsStatusResponse,
  modelCostSchema,
  modelSchema,
  modelsResponseSchema,
  modelsStatusResponseSchema,
  type PrimaryResponse,
  type ProviderHealth,
  primaryResponseSchema,
  providerHealthSchema,
  providerSchema,
  type SetPrimaryBody,
  setPrimaryBodySchema,
  taskRequirementsApiSchema,
  taskSchema,
} from './api/model-schemas.js';
export {
  type PreferenceChoice,
  type PreferenceEntry,
  type PreferencesResponse,
  type PutPreferencesBody,
  preferenceChoiceSchema,
  preferenceEntrySchema,
  preferencesResponseSchema,
  putPreferenceBodySchema,
  putPreferencesBodySchema,
  USER_ID_PATTERN,
  userIdSchema,
} from './api/preference-schemas.js';
export {
  keyLabelSchema,
  type ProviderKeyState,
  type ProviderKeysResponse,
  type PutProviderKeyBody,
  providerKeyStateSchema,
  providerKeysResponseSchema,
  putProviderKeyBodySchema,
  putUserProviderKeyBodySchema,
  type UserProviderKeyState,
  type UserProviderKeysResponse,
  userProviderKeyStateSchema,
  userProviderKeysResponseSchema,
} from './api/provider-key-schemas.js';
export {
  type ResolutionResponse,
  type ResolveQuery,
  resolutionResponseSchema,
  resolutionSourceSchema,
  resolveQuerySchema,
  skippedCandidateSchema,
} from './api/resolution-schemas.js';
export {
  type ApiUsage,
  type ChatCompletionBody,
  type ChatCompletionResponse,
  type ChatMessage,
  chatCompletionBodySchema,
  chatCompletionResponseSchema,
  chatMessageSchema,
  fallbackInfoSchema,
  type GenerateBody,
  type GenerateResponse,
  generateBodySchema,
  generateResponseSchema,
  servedBySchema,
  usageSchema,
} from './api/task-schemas.js';
export {
  type TaskStreamDelta,
  type TaskStreamDone,
  taskStreamDeltaSchema,
  taskStreamDoneSchema,
} from './api/task-stream-schemas.js';
export {
  type UnpricedModel,
  type UnpricedModelsResponse,
  unpricedModelSchema,
  unpricedModelsResponseSchema,
} from './api/unpriced-schemas.js';
export {
  MAX_RECENT_CALLS,
  type RecentCall,
  type RecentCallsQuery,
  type RecentCallsResponse,
  recentCallSchema,
  recentCallsQuerySchema,
  recentCallsResponseSchema,
} from './api/usage-call-schemas.js';
export {
  USAGE_GROUPS,
  type UsageGroup,
  type UsageQuery,
  type UsageResponse,
  type UsageRow,
  usageQuerySchema,
  usageResponseSchema,
  usageRowSchema,
} from './api/usage-schemas.js';
export { BUILT_IN_CAPABILITIES, type BuiltInCapability, CAPABILITY_NAME_PATTERN } from './capabilities.js';
export { BUILT_IN_CATALOG, findCatalogModel, listCatalogModels } from './catalog/built-in-catalog.js';
export { CATALOGUED_KINDS, catalogProviderOf } from './catalog/catalog-provider-of.js';
export {
  convertModelsDevModel,
  groupImportedModels,
  type ImportedCatalog,
  type ImportedModel,
  type ParsedCatalog,
  parseModelsDevCatalog,
} from './catalog/convert-models-dev.js';
export type {
  CatalogModel,
  ModelCost,
  ModelCostTier,
  ModelFacts,
  ModelModalities,
  ModelStatus,
} from './catalog/model-facts.js';
export { type ModelsDevCatalog, modelsDevCatalogSchema } from './catalog/models-dev-schema.js';
export { createConfigJsonSchema } from './config/config-json-schema.js';
export {
  CATALOG_REFRESH_PATTERN,
  type CatalogConfig,
  catalogSchema,
  configSchema,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_CATALOG_REFRESH,
  DEFAULT_HOST,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_PORT,
  DEFAULT_STORAGE_URL,
  DEFAULT_TRACE_SAMPLE,
  KEY_LABEL_PATTERN,
  LIMIT_DIMENSIONS,
  LIMIT_MEASURES,
  LIMIT_NAME_PATTERN,
  LIMIT_WINDOWS,
  type LimitDimension,
  type LimitMeasure,
  type LimitRuleConfig,
  type LimitWindowName,
  limitRuleSchema,
  limitsSchema,
  MODELS_RESERVED_KEYS,
  type ModelCostConfig,
  modelIdSchema,
  type ProviderConfig,
  type RegistryEntryConfig,
  type SwitchboardConfig,
  type TaskConfig,
  type TaskRequirementsConfig,
  type TelemetryConfig,
  taskRequirementsSchema,
} from './config/config-schema.js';
export { convertV1Config, isV1Config, V1_MODEL_KEYS, type V1Conversion } from './config/convert-v1-config.js';
export { describeUnsafeBind } from './config/describe-unsafe-bind.js';
export { formatConfigPath } from './config/format-config-path.js';
export { type ParseConfigOptions, type ParsedConfig, parseConfig } from './config/parse-config.js';
export { suggestName } from './config/suggest-name.js';
export { CapabilityMismatchError } from './errors/capability-mismatch-error.js';
export { CatalogInvalidError } from './errors/catalog-invalid-error.js';
export { ConfigError, type ConfigIssue, formatConfigIssues } from './errors/config-error.js';
export type { CoreErrorCode } from './errors/core-error-code.js';
export { InvalidModelIdError } from './errors/invalid-model-id-error.js';
export { ModelUnfitForTaskError, type UnfitCandidate } from './errors/model-unfit-for-task-error.js';
export { NoModelConfiguredError } from './errors/no-model-configured-error.js';
export { ProviderUnconfiguredError } from './errors/provider-unconfigured-error.js';
export { SwitchboardError } from './errors/switchboard-error.js';
export { UnknownCapabilityError } from './errors/unknown-capability-error.js';
export { UnknownProviderError } from './errors/unknown-provider-error.js';
export { UnknownTaskError } from './errors/unknown-task-error.js';
export { UnregisteredModelError } from './errors/unregistered-model-error.js';
export { formatCost } from './format/format-cost.js';
export { formatCount } from './format/format-count.js';
export { formatPrice, formatUsd } from './format/format-price.js';
export { formatTokenCount } from './format/format-token-count.js';
export { withArticle } from './format/with-article.js';
export { isLoopbackHost } from './is-loopback-host.js';
export { checkLimitRule, type LimitRuleIssue } from './limits/check-limit-rule.js';
export {
  createLimitMatcher,
  formatLimitSubject,
  type LimitMatcher,
  type LimitSubject,
  type MatchedLimit,
  parseLimitSubject,
} from './limits/create-limit-matcher.js';
export { estimateWorstCaseCost, type WorstCaseInput } from './limits/estimate-worst-case-cost.js';
export { type LimitRule, type LimitRuleSource, toLimitRule, toLimitRuleConfig } from './limits/limit-rule.js';
export { type LimitWindow, limitWindowAt } from './limits/limit-window.js';
export {
  formatModelId,
  isModelId,
  type ModelRef,
  PROVIDER_NAME_PATTERN,
  parseModelId,
  providerOf,
  tryParseModelId,
} from './model-id.js';
export {
  isProviderKind,
  PROVIDER_KIND_NAMES,
  PROVIDER_KINDS,
  type ProviderKind,
  type ProviderKindFacts,
  unpricedCostOf,
} from './provider-kinds.js';
export { addDiscoveredModels, type DiscoveredModel } from './registry/add-discovered-models.js';
export { configuredProviderNames } from './registry/configured-provider-names.js';
export {
  type CreateRegistryOptions,
  createRegistry,
  listProviderSections,
  providerKindOf,
} from './registry/create-registry.js';
export type { ModelInfo, ModelOrigin, ProviderInfo, Registry, TaskInfo } from './registry/registry.js';
export {
  checkModelFit,
  describeFitProblem,
  describeFitProblems,
  type FitFacts,
  type FitProblem,
  type ModelFit,
  missingFeaturesOf,
  type UnverifiedRequirement,
} from './requirements/check-model-fit.js';
export {
  CANONICAL_FEATURES,
  canonicalFeature,
  FEATURE_SYNONYMS,
  hasNoRequirements,
  mergeRequirements,
  type TaskRequirements,
} from './requirements/task-requirements.js';
export {
  assertModelCanServe,
  type ServeCheck,
  unconfiguredReason,
} from './resolve/assert-model-can-serve.js';
export {
  describeProviderUsability,
  type ProviderUsability,
  type UsabilityFacts,
} from './resolve/describe-provider-usability.js';
export {
  type Resolution,
  type ResolutionSource,
  type ResolveInput,
  type RuntimeDefaults,
  resolveModel,
  type SkippedCandidate,
} from './resolve/resolve-model.js';
export {
  BUILT_IN_TASK_NAMES,
  BUILT_IN_TASKS,
  type BuiltInTask,
  TASK_NAME_PATTERN,
  type TaskDefinition,
} from './tasks/built-in-tasks.js';
export { computeCost, selectPriceTier, type TokenUsage } from './usage/compute-cost.js';
