/** Upstream headers a client needs to pace itself: `retry-after` and the `x-ratelimit-*` family. */
export function passOnHeaders(
  headers: Record<string, string | string[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (
      value === undefined ||
      !(
        lower === 'retry-after' ||
        lower.startsWith('x-ratelimit-') ||
        lower.startsWith('anthropic-ratelimit-')
      )
    )
      continue;
    out[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
