import { useLimits } from '@switchboard/client/react';
import { describeAppliesTo } from './describe-applies-to';
import { LimitBar } from './limit-bar';

/** The signed-in user's own limits on the settings page: only their counters, compact. */
export function MyLimits({ userId }: { userId: string }) {
  const limits = useLimits();
  const mine = (limits.data?.limits ?? []).filter(
    (limit) => limit.applies_to.user === userId || limit.applies_to.user === '*',
  );
  if (mine.length === 0) return null;
  return (
    <section className="card my-limits" aria-labelledby="my-limits-title">
      <h2 id="my-limits-title" className="card-title">
        Your limits
      </h2>
      <div className="limit-bars">
        {mine.map((limit) => {
          const own = limit.counters.find((counter) => (counter.subject.user ?? userId) === userId);
          return (
            <LimitBar
              key={limit.name}
              label={`${limit.name} (${describeAppliesTo(limit.applies_to)}, per ${limit.per})`}
              measure={limit.measure}
              limit={limit.limit}
              used={own?.used ?? 0}
              reserved={own?.reserved ?? 0}
            />
          );
        })}
      </div>
    </section>
  );
}
