import { type Context, ROOT_CONTEXT, type TextMapPropagator, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { DEFAULT_TRACE_SAMPLE } from '@switchboard/core';
import { resolveTracesUrl, type TracingOptions } from './resolve-traces-url.js';

export { resolveTracesUrl, type TracingOptions };

/** An app's tracing: present only when an OTLP endpoint is configured. */
export interface Tracing {
  tracer: Tracer;
  /** W3C trace context (`traceparent`, `tracestate`), read from callers and written to upstreams. */
  propagator: TextMapPropagator;
  /** The context a request without a `traceparent` starts from. */
  root: Context;
  /** `telemetry.capture_content`: whether message contents may go on spans. */
  captureContent: boolean;
  /** Where spans are sent. */
  tracesUrl: string;
  /** Sends what is buffered (tests, and before a shutdown). */
  flush(): Promise<void>;
  /** Flushes and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * The tracer provider of one app (never registered globally, so two apps in one process keep apart),
 * exporting in batches over OTLP/HTTP. Undefined when no endpoint is configured: then nothing of
 * OpenTelemetry runs at all, not even a no-op tracer.
 */
export function createTracing(options: TracingOptions): Tracing | undefined {
  const tracesUrl = resolveTracesUrl(options);
  if (!tracesUrl) return undefined;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: 'switchboard',
      [ATTR_SERVICE_VERSION]: options.serviceVersion,
    }),
    // A caller's sampling decision is followed; new traces are kept at `sample`.
    sampler: new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(options.config?.sample ?? DEFAULT_TRACE_SAMPLE),
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }))],
  });
  return {
    tracer: provider.getTracer('switchboard', options.serviceVersion),
    propagator: new W3CTraceContextPropagator(),
    root: ROOT_CONTEXT,
    captureContent: options.config?.capture_content ?? false,
    tracesUrl,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
