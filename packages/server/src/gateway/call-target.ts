import {
  configuredProviderNames,
  type ModelInfo,
  parseModelId,
  UnknownProviderError,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import { UpstreamUnconfiguredError } from '../errors/upstream-unconfigured-error.js';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import type { KeyLease } from '../providers/key-pool.js';
import type { ProviderKindModule } from '../providers/provider-kind.js';
import { leaseRuntime, type ProviderRuntime } from '../providers/provider-runtime.js';
import type { KeyRedactor } from '../security/key-redactor.js';
import type { AttemptSpan } from '../telemetry/request-trace.js';

/** One model ready to be called: its runtime (key, pool), its kind's module and its registry facts. */
export interface CallTarget {
  model: string;
  provider: string;
  name: string;
  /** The provider's runtime seen through the key this attempt uses (`runtime.lease`). */
  runtime: ProviderRuntime;
  kind: ProviderKindModule;
  info: ModelInfo | undefined;
  /** This attempt's span, when tracing is on: its `headers` (W3C trace context) go upstream with the call. */
  attempt?: AttemptSpan | undefined;
  /** The app's key redactor, for the bodies a call reads whole (a key an upstream repeats back). */
  redactor: KeyRedactor;
}

/** Who calls and which keys already failed this call: what picks the key of an attempt. */
export interface KeyChoice {
  /** The caller: their own key serves when the provider allows user keys and they stored one. */
  userId?: string | undefined;
  /** Labels of pool keys this call already tried (a 429 or 401 on them): another key is picked. */
  except?: ReadonlySet<string> | undefined;
}

/**
 * The key for one call to `runtime`'s provider: the caller's own when they have one there, else the pool's
 * next healthy key (undefined for a provider without keys, such as a local Ollama).
 */
export function leaseKey(
  app: FastifyInstance,
  runtime: ProviderRuntime,
  choice: KeyChoice = {},
): KeyLease | undefined {
  const own = choice.userId ? app.providerKeys.userLease(runtime.info.name, choice.userId) : undefined;
  return own ?? runtime.keys.pick(choice.except);
}

/** The target for a model ID; throws when its provider is unknown or has no key on this server. */
export function createCallTarget(app: FastifyInstance, model: string, choice: KeyChoice = {}): CallTarget {
  const { provider, name } = parseModelId(model);
  const runtime = app.providers.runtime(provider);
  if (!runtime)
    throw new UnknownProviderError(
      provider,
      configuredProviderNames(app.registryState.current.providers.values()),
      model,
    );
  const lease = leaseKey(app, runtime, choice);
  // A user's own key makes a provider that has no shared key callable for them.
  if (!runtime.info.configured && lease?.source !== 'user') {
    throw new UpstreamUnconfiguredError(provider, runtime.info.unconfigured_reason ?? 'it is not configured');
  }
  return {
    model,
    provider,
    name,
    runtime: leaseRuntime(runtime, lease),
    kind: PROVIDER_KIND_MODULES[runtime.info.kind],
    info: app.registryState.current.models.get(model),
    redactor: app.keyRedactor,
  };
}
