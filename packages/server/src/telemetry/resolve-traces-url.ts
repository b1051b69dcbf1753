import type { TelemetryConfig } from '@switchboard/core';

// Apart from `create-tracing`, so the telemetry plugin can tell whether tracing is on without loading the
// OpenTelemetry SDK and its exporter (a good part of a start when tracing is off, as it is by default).

/** The OTLP/HTTP path of traces under a collector's base URL (the spec's default for the base variable). */
const TRACES_PATH = '/v1/traces';

export interface TracingOptions {
  config: TelemetryConfig | undefined;
  /** `OTEL_EXPORTER_OTLP_ENDPOINT`, read by `server.ts`; `telemetry.otlp` wins over it. */
  envEndpoint?: string | undefined;
  /** `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`: the full traces URL, used as it is (the spec's rule). */
  envTracesEndpoint?: string | undefined;
  serviceVersion: string;
}

/** The URL spans are POSTed to, or undefined when tracing is off. */
export function resolveTracesUrl(options: TracingOptions): string | undefined {
  const base = options.config?.otlp ?? (options.envTracesEndpoint ? undefined : options.envEndpoint);
  if (base) return `${base.replace(/\/+$/, '')}${TRACES_PATH}`;
  return options.envTracesEndpoint || undefined;
}
