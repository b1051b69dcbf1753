import { computeCost, providerOf, type TokenUsage } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { Admission } from '../limits/limit-service.js';
import type { UsageStatus } from '../store/usage-repository.js';
import type { RequestTrace } from '../telemetry/request-trace.js';
import { failureOf } from './call-with-fallbacks.js';
import { refusedBeforeUpstream } from './refused-before-upstream.js';

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
  /** The limits' hold on the call, settled here to its real usage and cost. */
  admission?: Admission | undefined;
  /** The request's trace, when tracing is on: the call is recorded on its spans, its ID with the event. */
  trace?: RequestTrace | undefined;
  /** `override`, `preference`, ... (task calls). */
  source?: string | undefined;
  /** The model that failed before the one that answered. */
  fallbackFrom?: string | undefined;
  finishReason?: string | undefined;
  /** Until the first content reached the client (streams). */
  firstTokenMs?: number | undefined;
  /** The gateway's own time in the call. */
  overheadMs?: number | undefined;
  /** The label of the key that served (`user` for the caller's own); none for a provider without keys. */
  keyLabel?: string | undefined;
}

/**
 * Appends a usage event (buffered: never waits on the database) and answers the call's cost: from the
 * registry's price, `null` when the price is unknown. Every call of every surface passes here once, so
 * this is also where its metrics are counted and its spans get the call's outcome.
 */
export function recordUsage(app: FastifyInstance, record: UsageRecord): number | null {
  const info = record.model === null ? undefined : app.registryState.current.models.get(record.model);
  const cost = record.usage ? computeCost(info?.cost ?? null, record.usage) : null;
  const latencyMs = Date.now() - record.startedAt;
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
    latencyMs,
    status: record.status,
    errorCode: record.errorCode,
    traceId: record.trace?.traceId,
    keyLabel: record.keyLabel,
  });
  const { status } = record;
  const settledAs = status === 'ok' ? 'ok' : status === 'aborted' ? 'aborted' : 'error';
  record.admission?.settle({ usage: record.usage, cost, status: settledAs });
  app.gatewayMetrics.observeCall({
    task: record.task,
    model: record.model,
    provider: record.provider,
    status: record.status,
    endpoint: record.endpoint,
    usage: record.usage,
    cost,
    durationMs: latencyMs,
    firstTokenMs: record.firstTokenMs,
    overheadMs: record.overheadMs,
  });
  record.trace?.recordCall({ ...record, cost });
  return cost;
}

/** What a call record holds before anyone knows which model served it. */
export type CallBase = Omit<UsageRecord, 'model' | 'provider' | 'usage' | 'status' | 'errorCode'>;

/**
 * Records a call whose every attempt failed: against the last model tried (from the failure that
 * `callWithFallbacks` attaches to its error), else the resolved one. When no attempt sent anything upstream
 * (no key here, a request the provider cannot take) it is recorded as `refused`, which is not a call.
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
  const refused = status === 'error' && failure !== undefined && refusedBeforeUpstream(failure.attempts);
  recordUsage(app, {
    ...base,
    model,
    provider: providerOf(model),
    usage: undefined,
    status: refused ? 'refused' : status,
    errorCode: failure?.code ?? (status === 'error' ? 'internal' : undefined),
  });
}
