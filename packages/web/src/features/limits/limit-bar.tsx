import type { LimitStatus } from '@switchboard/client';
import { formatLimitAmount } from './format-limit-amount';

/** One counter as a bar of used (and reserved, for calls in flight) against the limit. */
export function LimitBar({
  label,
  measure,
  limit,
  used,
  reserved,
}: {
  label: string;
  measure: LimitStatus['measure'];
  limit: number;
  used: number;
  reserved: number;
}) {
  const share = Math.min(1, (used + reserved) / limit);
  return (
    <div className="limit-bar-row">
      <div className="limit-bar-text">
        <span>{label}</span>
        <span className="muted small">
          {formatLimitAmount(measure, used)} of {formatLimitAmount(measure, limit)}
          {reserved > 0 && ` (+${formatLimitAmount(measure, reserved)} in flight)`}
        </span>
      </div>
      <meter
        className="limit-bar"
        min={0}
        max={limit}
        low={limit * 0.8}
        high={limit * 0.99}
        optimum={0}
        value={Math.min(limit, used + reserved)}
        aria-label={`${label}: ${Math.round(share * 100)}% used`}
      />
    </div>
  );
}
