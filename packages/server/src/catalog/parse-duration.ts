const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `24h`, `7d` in milliseconds (the config schema admits only these shapes); undefined for `off`. */
export function parseDuration(value: string): number | undefined {
  const match = /^([1-9][0-9]*)(s|m|h|d)$/.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}
