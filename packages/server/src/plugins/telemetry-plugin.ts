import { SpanKind, trace } from '@opentelemetry/api';
import type { TelemetryConfig } from '@switchboard/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Tracing } from '../telemetry/create-tracing.js';
import { SWITCHBOARD } from '../telemetry/gen-ai-attributes.js';
import { readRefusal } from '../telemetry/read-refusal.js';
import { RequestTrace } from '../telemetry/request-trace.js';
import { resolveTracesUrl } from '../telemetry/resolve-traces-url.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's tracing; undefined when no OTLP endpoint is configured (then no span is ever made). */
    tracing: Tracing | undefined;
  }
  interface FastifyRequest {
    /** The request's trace (its server span), only when tracing is on. */
    trace?: RequestTrace | undefined;
  }
}

export interface TelemetryPluginOptions {
  config: TelemetryConfig | undefined;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, read by `server.ts`. */
  envEndpoint?: string | undefined;
  envTracesEndpoint?: string | undefined;
  serviceVersion: string;
}

const HEADER_GETTER = {
  get: (carrier: FastifyRequest['headers'], key: string) => carrier[key],
  keys: (carrier: FastifyRequest['headers']) => Object.keys(carrier),
};

/**
 * OpenTelemetry traces: a server span per request, continuing the caller's `traceparent`, that the
 * gateway's call path hangs its upstream attempts under (`request.trace`). With no endpoint configured the
 * plugin adds no hook at all, so the hot path does not change.
 */
export const telemetryPlugin = fp(
  async (app: FastifyInstance, options: TelemetryPluginOptions) => {
    // The SDK is loaded only when tracing is on: with it off, a start does not pay for it.
    const tracing = resolveTracesUrl(options)
      ? (await import('../telemetry/create-tracing.js')).createTracing(options)
      : undefined;
    app.decorate('tracing', tracing);
    if (!tracing) return;
    app.decorateRequest('trace', undefined);
    app.addHook('onRequest', (request, _reply, done) => {
      const parent = tracing.propagator.extract(tracing.root, request.headers, HEADER_GETTER);
      const route = request.routeOptions.url;
      const span = tracing.tracer.startSpan(
        route ? `${request.method} ${route}` : request.method,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'http.request.method': request.method,
            ...(route ? { 'http.route': route } : {}),
            [SWITCHBOARD.requestId]: request.id,
          },
        },
        parent,
      );
      // Attempts are children of this span: their context is the request's with this span set in it.
      request.trace = new RequestTrace(tracing, span, trace.setSpan(parent, span));
      done();
    });
    app.addHook('onError', (request, _reply, error, done) => {
      const refusal = readRefusal(error);
      if (refusal) request.trace?.recordRefusal(refusal.code, refusal.limit);
      done();
    });
    app.addHook('onResponse', (request, reply, done) => {
      request.trace?.end(reply.statusCode);
      done();
    });
    app.addHook('onClose', async () => {
      await tracing.shutdown();
    });
  },
  { name: 'switchboard-telemetry' },
);
