/** What the `x-switchboard-*` headers of an answer served by a model say. */
export interface ModelHeaders {
  model: string;
  source: string;
  /** Time spent in the gateway itself, not waiting on the provider. */
  overheadMs: number;
  /** The model that failed before the one that answered. */
  fallbackFrom?: string | undefined;
  /** Candidates passed over (stale choices, models lacking what the request uses). */
  skipped?: readonly string[] | undefined;
}

/** `x-switchboard-model`, `x-switchboard-source`, `x-switchboard-overhead-ms` (and `-fallback-from`). */
export function modelHeaders(headers: ModelHeaders): Record<string, string> {
  return {
    'x-switchboard-model': headers.model,
    'x-switchboard-source': headers.source,
    'x-switchboard-overhead-ms': headers.overheadMs.toFixed(2),
    ...(headers.fallbackFrom ? { 'x-switchboard-fallback-from': headers.fallbackFrom } : {}),
    ...(headers.skipped?.length ? { 'x-switchboard-skipped': headers.skipped.join(', ') } : {}),
  };
}
