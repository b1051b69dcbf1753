import type { TokenUsage } from '@switchboard/core';
import { Counter, type Registry } from 'prom-client';
import { BoundCounter, BoundHistogram } from './bound-series.js';

/** Label values the gateway can vouch for: a model or provider nobody configured is never a label. */
export interface MetricLabelBounds {
  /** The model ID when the registry knows it, else `unregistered`. */
  model(model: string | null): string;
  /** The provider name when it is configured, else `unknown`. */
  provider(provider: string): string;
}

/** One call as the usage record sees it, plus the timings only the call path knows. */
export interface ObservedCall {
  task: string | null;
  model: string | null;
  provider: string;
  status: string;
  endpoint: string;
  usage: TokenUsage | undefined;
  cost: number | null;
  durationMs: number;
  /** Until the first content reached the client (streams only). */
  firstTokenMs?: number | undefined;
  /** The gateway's own time: total minus the upstream's. */
  overheadMs?: number | undefined;
}

/** The gateway's Prometheus series, per task, model, provider and status. */
export interface GatewayMetrics {
  observeCall(call: ObservedCall): void;
  observeFallback(task: string, from: string, to: string): void;
  observeUpstreamError(provider: string, model: string | null, code: string): void;
  observeRefusal(limit: string): void;
}

const CALL_LABELS = ['task', 'model', 'provider', 'status'] as const;
const TOKEN_KINDS = [
  ['input', 'inputTokens'],
  ['output', 'outputTokens'],
  ['cache_read', 'cacheReadTokens'],
  ['cache_write', 'cacheWriteTokens'],
  ['reasoning', 'reasoningTokens'],
] as const;

/** Registers the gateway's series on `registry`; label values go through `bounds`. */
export function createGatewayMetrics(registry: Registry, bounds: MetricLabelBounds): GatewayMetrics {
  const registers = [registry];
  const calls = new BoundCounter({
    name: 'switchboard_gateway_calls_total',
    help: 'Model calls (task endpoints, OpenAI-compatible routes and the proxy), by task, model, provider and status',
    labelNames: CALL_LABELS,
    registers,
  });
  const duration = new BoundHistogram({
    name: 'switchboard_gateway_call_duration_seconds',
    help: 'Time from the request to the end of the answer, by task, model, provider and status',
    labelNames: CALL_LABELS,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers,
  });
  const firstToken = new BoundHistogram({
    name: 'switchboard_gateway_time_to_first_token_seconds',
    help: 'Time from the request to the first content of a streamed answer, by task, model and provider',
    labelNames: ['task', 'model', 'provider'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const tokens = new BoundCounter({
    name: 'switchboard_gateway_tokens_total',
    help: 'Tokens billed, by task, model, provider and type (input, output, cache_read, cache_write, reasoning)',
    labelNames: ['task', 'model', 'provider', 'type'] as const,
    registers,
  });
  const cost = new BoundCounter({
    name: 'switchboard_gateway_cost_usd_total',
    help: 'Cost in USD of priced calls (from the registry), by task, model and provider',
    labelNames: ['task', 'model', 'provider'] as const,
    registers,
  });
  const unpriced = new BoundCounter({
    name: 'switchboard_unpriced_calls_total',
    help: 'Calls that reported usage for a model with no known price (cost unknown, never counted as $0), by model',
    labelNames: ['model'] as const,
    registers,
  });
  const fallbacks = new Counter({
    name: 'switchboard_gateway_fallbacks_total',
    help: 'Times a failing model gave way to the next fallback, by task, the model that failed and the next one',
    labelNames: ['task', 'from', 'to'] as const,
    registers,
  });
  const upstreamErrors = new Counter({
    name: 'switchboard_gateway_upstream_errors_total',
    help: 'Failed upstream attempts, by provider, model and error code',
    labelNames: ['provider', 'model', 'code'] as const,
    registers,
  });
  const refusals = new Counter({
    name: 'switchboard_gateway_limit_refusals_total',
    help: 'Calls refused by a limit before any upstream was asked, by limit',
    labelNames: ['limit'] as const,
    registers,
  });
  const overhead = new BoundHistogram({
    name: 'switchboard_gateway_overhead_seconds',
    help: "The gateway's own time in a call (total minus the upstream's), by endpoint",
    labelNames: ['endpoint'] as const,
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
    registers,
  });

  /**
   * The series of one task, model, provider and status, bound once (`bound-series.ts`): a call then costs a
   * map lookup and a few additions. Label values are bounded, so this map is too.
   */
  const bound = new Map<string, ReturnType<typeof bindCallSeries>>();
  function bindCallSeries(task: string, model: string, provider: string, status: string) {
    const labels = { task, model, provider };
    return {
      calls: calls.labels({ ...labels, status }),
      duration: duration.labels({ ...labels, status }),
      firstToken: firstToken.labels(labels),
      cost: cost.labels(labels),
      unpriced: unpriced.labels({ model }),
      tokens: TOKEN_KINDS.map(([type, field]) => [field, tokens.labels({ ...labels, type })] as const),
    };
  }
  const overheadByEndpoint = new Map<string, ReturnType<typeof overhead.labels>>();

  return {
    observeCall(call) {
      const task = call.task ?? 'none';
      const model = bounds.model(call.model);
      const provider = bounds.provider(call.provider);
      const key = `${task}\u0000${model}\u0000${provider}\u0000${call.status}`;
      let series = bound.get(key);
      if (!series) {
        series = bindCallSeries(task, model, provider, call.status);
        bound.set(key, series);
      }
      series.calls.inc();
      series.duration.observe(call.durationMs / 1000);
      if (call.firstTokenMs !== undefined) series.firstToken.observe(call.firstTokenMs / 1000);
      if (call.overheadMs !== undefined) {
        let endpoint = overheadByEndpoint.get(call.endpoint);
        if (!endpoint) {
          endpoint = overhead.labels({ endpoint: call.endpoint });
          overheadByEndpoint.set(call.endpoint, endpoint);
        }
        endpoint.observe(call.overheadMs / 1000);
      }
      if (call.cost !== null && call.cost > 0) series.cost.inc(call.cost);
      const usage = call.usage;
      if (!usage) return;
      if (call.cost === null) series.unpriced.inc();
      for (const [field, counter] of series.tokens) {
        const count = usage[field];
        if (count) counter.inc(count);
      }
    },
    observeFallback(task, from, to) {
      fallbacks.inc({ task, from: bounds.model(from), to: bounds.model(to) });
    },
    observeUpstreamError(provider, model, code) {
      upstreamErrors.inc({ provider: bounds.provider(provider), model: bounds.model(model), code });
    },
    observeRefusal(limit) {
      refusals.inc({ limit });
    },
  };
}
