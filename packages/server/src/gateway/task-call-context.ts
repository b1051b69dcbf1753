import type { ApiUsage, Resolution, TokenUsage } from '@switchboard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { modelHeaders } from '../http/model-headers.js';
import type { RequestTrace } from '../telemetry/request-trace.js';
import type { LimitedCaller } from './admit-attempt.js';
import type { CallTarget } from './call-target.js';
import type { FailedAttempt } from './call-with-fallbacks.js';
import { type CallEstimate, estimateRequest } from './estimate-call.js';
import type { CallNeed } from './surfaces/surface-call.js';

/** Who asks for which task through which route; every task endpoint builds one. */
export interface TaskCallContext {
  app: FastifyInstance;
  request: FastifyRequest;
  task: string;
  /** The request's `model`, if any. */
  override?: string | undefined;
  /** The route, for usage accounting. */
  endpoint: string;
  /** The ID usage and errors carry; default the request's. A WebSocket conversation has its own. */
  requestId?: string | undefined;
  /** The prompt's size and output bound, for dollar limits; default read from the HTTP request's body. */
  estimate?: CallEstimate | undefined;
  /** The trace the call's spans go under; default the request's. A WebSocket conversation has its own. */
  trace?: RequestTrace | undefined;
  /** What the request needs of a model (tools, images, JSON): candidates that lack it are skipped. */
  needs?: readonly CallNeed[] | undefined;
}

/** The caller as the limits see it: who, with which token, for which task, asking how much. */
export function limitedCallerOf(context: TaskCallContext): LimitedCaller {
  const { principal } = context.request;
  return {
    userId: principal.userId,
    tokenId: principal.tokenId,
    task: context.task,
    estimate: context.estimate ?? estimateRequest(context.request),
  };
}

/** The resolution an answer reports: `source: limit_fallback` when a task budget's fallback served it. */
export function servedResolution(resolution: Resolution, limitFallback: string | undefined): Resolution {
  return limitFallback ? { ...resolution, source: 'limit_fallback' } : resolution;
}

/** An answer served by a model, with what the response carries besides the content. */
export interface Served<T> {
  value: T;
  resolution: Resolution;
  target: CallTarget;
  usage: TokenUsage;
  cost: number | null;
  fallback?: { from: string; attempts: FailedAttempt[] } | undefined;
  overheadMs: number;
}

/** What an answer shows for usage its provider did not report; recorded as unknown, never as free. */
export const NO_USAGE: TokenUsage = Object.freeze({ inputTokens: 0, outputTokens: 0 });

/** The API's snake_case usage. */
export function toApiUsage(usage: TokenUsage): ApiUsage {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    ...(usage.cacheReadTokens !== undefined ? { cache_read_tokens: usage.cacheReadTokens } : {}),
    ...(usage.reasoningTokens !== undefined ? { reasoning_tokens: usage.reasoningTokens } : {}),
  };
}

/** `model`, `source`, `usage`, `cost` and `fallback`: the fields every answer served by a model has. */
export function servedFields(served: Omit<Served<unknown>, 'value'>) {
  return {
    model: served.target.model,
    source: served.resolution.source,
    usage: toApiUsage(served.usage),
    cost: served.cost,
    ...(served.fallback ? { fallback: served.fallback } : {}),
  };
}

/** The `x-switchboard-*` headers of an answer served by a model. */
export function servedHeaders(
  served: Omit<Served<unknown>, 'value' | 'usage' | 'cost'>,
): Record<string, string> {
  return modelHeaders({
    model: served.target.model,
    source: served.resolution.source,
    overheadMs: served.overheadMs,
    fallbackFrom: served.fallback?.from,
    skipped: served.resolution.skipped.map((entry) => entry.model),
  });
}
