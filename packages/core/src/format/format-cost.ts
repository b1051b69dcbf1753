/** Significant digits shown for amounts under a cent: `$0.000041`, `$0.00000004`. */
const SMALL_AMOUNT_DIGITS = 2;

/**
 * A cost in USD, the one way every page and the CLI write it: cents for amounts from a cent up (`$12.35`,
 * `$0.15`), two significant digits below (`$0.000041`, `$0.00000004`: a real 4e-8 never shows as `$0.00`),
 * `$0` for nothing, `price unknown` for null (an unknown price is never $0).
 */
export function formatCost(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return 'price unknown';
  if (amount === 0) return '$0';
  const size = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  if (size >= 0.01) {
    return `${sign}$${size.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  const decimals = Math.min(20, SMALL_AMOUNT_DIGITS - 1 - Math.floor(Math.log10(size)));
  return `${sign}$${size.toLocaleString('en-US', { maximumFractionDigits: decimals })}`;
}
