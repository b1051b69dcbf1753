import { computeCost, providerOf, type TokenUsage } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { UsageStatus } from '../store/usage-repository.js';
import { failureOf } from './call-with-fallbacks.js';

export interface UsageRecord {
  requestId: string;
  userId: string;
  task: string | null;
  /** The route that served it: `/v1/ai/chat/completion`, `proxy`, ... */
  endpoint: string;
  /** The model ID that served (or failed to serve) the call; null when the call named none (a proxied listing). */
  model: string | null;
  provider: string;
  usage: TokenUsage | undefined;
  startedAt: number;
  status: UsageStatus;
  errorCode?: string | undefined;
}

/**
 * Appends a usage event (buffered: never waits on the database) and answers the call's cost: from the
 * registry's price, `null` when the price is unknown.
 */
export function recordUsage(app: FastifyInstance, record: UsageRecord): number | null {
  const info = record.model === null ? undefined : app.registryState.current.models.get(record.model);
  const cost = record.usage ? computeCost(info?.cost ?? null, record.usage) : null;
  app.store.usage.record({
    time: record.startedAt,
    requestId: record.requestId,
    userId: record.userId,
    task: record.task,
    modelId: record.model,
    provider: record.provider,
    endpoint: record.endpoint,
    inputTokens: record.usage?.inputTokens,
    outputTokens: record.usage?.outputTokens,
    cachedInputTokens: record.usage?.cacheReadTokens,
    reasoningTokens: record.usage?.reasoningTokens,
    costUsd: cost,
    latencyMs: Date.now() - record.startedAt,
    status: record.status,
    errorCode: record.errorCode,
  });
  return cost;
}

/** What a call record holds before anyone knows which model served it. */
export type CallBase = Omit<UsageRecord, 'model' | 'provider' | 'usage' | 'status' | 'errorCode'>;

/**
 * Records a call whose every attempt failed: against the last model tried (from the failure that
 * `callWithFallbacks` attaches to its error), else the resolved one.
 */
export function recordFailedUsage(
  app: FastifyInstance,
  base: CallBase,
  resolvedModel: string,
  error: unknown,
  status: 'error' | 'aborted' = 'error',
): void {
  const failure = failureOf(error);
  const model = failure?.model ?? resolvedModel;
  recordUsage(app, {
    ...base,
    model,
    provider: providerOf(model),
    usage: undefined,
    status,
    errorCode: failure?.code ?? (status === 'error' ? 'internal' : undefined),
  });
}
