/** `200000` -> `200K`, `1048576` -> `1M`, `2000000` -> `2M`, `8191` -> `8K`; `null` -> `?`. For people, not for math. */
export function formatTokenCount(tokens: number | null | undefined): string {
  if (tokens === null || tokens === undefined) return '?';
  if (tokens >= 1_000_000) return `${trim(tokens / 1_000_000)}M`;
  if (tokens >= 1_000) return `${Math.round(tokens / 1_000)}K`;
  return String(tokens);
}

function trim(value: number): string {
  // 1,048,576 reads as "1M", not "1.05M": one decimal at most, and none when it rounds away.
  return String(Math.round(value * 10) / 10).replace(/\.0$/, '');
}
