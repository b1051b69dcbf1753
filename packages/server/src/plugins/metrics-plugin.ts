import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { BoundCounter, BoundHistogram } from '../telemetry/bound-series.js';
import { createGatewayMetrics, type GatewayMetrics } from '../telemetry/gateway-metrics.js';
import { readRefusal } from '../telemetry/read-refusal.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's Prometheus registry (one per app, never the global one, so two apps never mix). */
    metrics: Registry;
    /** The model calls' series (per task, model, provider, status), fed by the gateway's call path. */
    gatewayMetrics: GatewayMetrics;
  }
}

/**
 * Request counts and durations per route template (never per raw URL: IDs would explode the series), and
 * the gateway's call series, whose model and provider labels are only ever ones the server configured.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'switchboard_' });
    const requests = new BoundCounter({
      name: 'switchboard_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const duration = new BoundHistogram({
      name: 'switchboard_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the last byte), by method and route',
      labelNames: ['method', 'route'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 30],
      registers: [registry],
    });
    app.decorate('metrics', registry);
    app.decorate(
      'gatewayMetrics',
      createGatewayMetrics(registry, {
        model: (model) =>
          model !== null && app.registryState.current.models.has(model) ? model : 'unregistered',
        provider: (provider) => (app.providers.runtime(provider) ? provider : 'unknown'),
      }),
    );
    app.addHook('onError', (_request, _reply, error, done) => {
      const refusal = readRefusal(error);
      if (refusal) app.gatewayMetrics.observeRefusal(refusal.limit);
      done();
    });
    // Each (method, route, status) bound once (`bound-series.ts`): prom-client's own children hash a label
    // object on every call, which showed in the proxy's profile. Methods, routes and statuses are bounded.
    const bound = new Map<
      string,
      { requests: ReturnType<typeof requests.labels>; duration: ReturnType<typeof duration.labels> }
    >();
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const { method } = request;
      const status = reply.statusCode;
      const key = `${method} ${route} ${status}`;
      let series = bound.get(key);
      if (!series) {
        series = {
          requests: requests.labels({ method, route, status: String(status) }),
          duration: duration.labels({ method, route }),
        };
        bound.set(key, series);
      }
      series.requests.inc();
      series.duration.observe(reply.elapsedTime / 1000);
      done();
    });
  },
  { name: 'switchboard-metrics' },
);
