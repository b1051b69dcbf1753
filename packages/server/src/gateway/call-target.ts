import {
  configuredProviderNames,
  type ModelInfo,
  parseModelId,
  UnknownProviderError,
} from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import { UpstreamUnconfiguredError } from '../errors/upstream-unconfigured-error.js';
import { PROVIDER_KIND_MODULES } from '../providers/index.js';
import type { ProviderKindModule } from '../providers/provider-kind.js';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { KeyRedactor } from '../security/key-redactor.js';
import type { AttemptSpan } from '../telemetry/request-trace.js';

/** One model ready to be called: its runtime (key, pool), its kind's module and its registry facts. */
export interface CallTarget {
  model: string;
  provider: string;
  name: string;
  runtime: ProviderRuntime;
  kind: ProviderKindModule;
  info: ModelInfo | undefined;
  /** This attempt's span, when tracing is on: its `headers` (W3C trace context) go upstream with the call. */
  attempt?: AttemptSpan | undefined;
  /** The app's key redactor, for the bodies a call reads whole (a key an upstream repeats back). */
  redactor: KeyRedactor;
}

/** The target for a model ID; throws when its provider is unknown or has no key on this server. */
export function createCallTarget(app: FastifyInstance, model: string): CallTarget {
  const { provider, name } = parseModelId(model);
  const runtime = app.providers.runtime(provider);
  if (!runtime)
    throw new UnknownProviderError(
      provider,
      configuredProviderNames(app.registryState.current.providers.values()),
      model,
    );
  if (!runtime.info.configured) {
    throw new UpstreamUnconfiguredError(provider, runtime.info.unconfigured_reason ?? 'it is not configured');
  }
  return {
    model,
    provider,
    name,
    runtime,
    kind: PROVIDER_KIND_MODULES[runtime.info.kind],
    info: app.registryState.current.models.get(model),
    redactor: app.keyRedactor,
  };
}
