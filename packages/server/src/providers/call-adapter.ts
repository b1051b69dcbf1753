import type { LanguageModelV3CallOptions } from '@ai-sdk/provider';
import type { CallControls, SurfaceCallOptions } from '../gateway/surfaces/surface-call.js';
import type { ProviderRuntime } from './provider-runtime.js';

/**
 * A kind's own spelling of a request's controls: reasoning (effort or budget), parallel tool calls, and
 * JSON output without a schema, as AI SDK provider options (and, where the kind needs it, a changed
 * `responseFormat`). It throws a 400 naming the field for a control its provider has no equivalent for.
 */
export type CallAdapter = (
  call: SurfaceCallOptions,
  controls: CallControls,
  runtime: ProviderRuntime,
) => Pick<LanguageModelV3CallOptions, 'providerOptions' | 'responseFormat'>;
