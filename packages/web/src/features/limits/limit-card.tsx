import type { LimitStatus } from '@switchboard/client';
import { describeAppliesTo, describeSubject } from './describe-applies-to';
import { formatLimitAmount } from './format-limit-amount';
import { LimitBar } from './limit-bar';

/** A rule: whom it applies to, its limit per window, a bar per counter, when it resets. */
export function LimitCard({
  limit,
  onDelete,
  deleting,
}: {
  limit: LimitStatus;
  /** Shown for runtime rules when the viewer is an admin. */
  onDelete?: (() => void) | undefined;
  deleting?: boolean;
}) {
  const resets = new Date(limit.resets_at);
  const counters = limit.counters.length
    ? limit.counters
    : [{ subject: {}, used: 0, reserved: 0, remaining: limit.limit }];
  return (
    <article className="card limit-card" aria-labelledby={`limit-${limit.name}`}>
      <div className="limit-card-head">
        <div>
          <h2 id={`limit-${limit.name}`} className="card-title">
            {limit.name}
          </h2>
          <p className="card-description">
            {formatLimitAmount(limit.measure, limit.limit)} per {limit.per} · applies to{' '}
            {describeAppliesTo(limit.applies_to)}
          </p>
        </div>
        <span className={`badge ${limit.source === 'config' ? 'badge-neutral' : 'badge-accent'}`}>
          {limit.source === 'config' ? 'config file' : 'runtime'}
        </span>
      </div>
      <div className="limit-bars">
        {counters.map((counter) => (
          <LimitBar
            key={JSON.stringify(counter.subject)}
            label={describeSubject(counter.subject) || 'all matching calls'}
            measure={limit.measure}
            limit={limit.limit}
            used={counter.used}
            reserved={counter.reserved}
          />
        ))}
      </div>
      <p className="muted small">
        Resets at{' '}
        <time dateTime={limit.resets_at}>{resets.toISOString().replace('T', ' ').slice(0, 16)} UTC</time>
        {limit.on_exceeded && <> · when exhausted, served by {limit.on_exceeded.fallback}</>}
        {limit.on_unpriced === 'allow' && <> · models without a price pass uncounted</>}
      </p>
      {onDelete && (
        <div className="limit-card-actions">
          <button type="button" className="button button-small" onClick={onDelete} disabled={deleting}>
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      )}
    </article>
  );
}
