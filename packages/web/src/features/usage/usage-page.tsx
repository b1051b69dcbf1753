import { useRecentCalls, useUsage } from '@switchboard/client/react';
import { useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { LoadingNotice } from '../common/loading-notice';
import { PageHeader } from '../common/page-header';
import { UnpricedBanner } from '../common/unpriced-banner';
import { RecentCalls } from './recent-calls';
import { UsageChart } from './usage-chart';
import { UsageCsvLink } from './usage-csv-link';
import { groupOfAnswer, USAGE_PAGE_GROUPS, type UsagePageGroup } from './usage-group';
import { UsageTable } from './usage-table';
import { UsageTotals } from './usage-totals';

const PERIODS = [7, 30, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days from `days - 1` days ago to today, as `YYYY-MM-DD` (the server groups by UTC day). */
function lastDays(days: number): string[] {
  const today = Date.now();
  return Array.from({ length: days }, (_, index) =>
    new Date(today - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** Cost and calls per task, model or status over time; failed and refused calls apart; CSV export. */
export function UsagePage() {
  const groupId = useId();
  const periodId = useId();
  const metricId = useId();
  const [group, setGroup] = useState<UsagePageGroup>('task');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>(30);
  const [metric, setMetric] = useState<'cost' | 'calls'>('cost');
  const days = lastDays(period);
  const from = days[0];
  const byDay = useUsage({ group_by: `day,${group}`, from });
  const totals = useUsage({ group_by: group, from });
  const recent = useRecentCalls({ limit: 20 });

  return (
    <>
      <PageHeader
        title="Usage"
        description="Calls, tokens and cost through the gateway. Failed calls are counted apart, as are calls to models without a known price (never as $0) and requests refused before reaching a provider (not calls)."
      />
      <UnpricedBanner />
      <div className="card toolbar">
        <div className="field">
          <label className="field-label" htmlFor={groupId}>
            Group by
          </label>
          <select
            id={groupId}
            className="select"
            value={group}
            onChange={(event) => setGroup(event.target.value as UsagePageGroup)}
          >
            {USAGE_PAGE_GROUPS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={periodId}>
            Period
          </label>
          <select
            id={periodId}
            className="select"
            value={period}
            onChange={(event) => setPeriod(Number(event.target.value) as (typeof PERIODS)[number])}
          >
            {PERIODS.map((value) => (
              <option key={value} value={value}>
                Last {value} days
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={metricId}>
            Chart
          </label>
          <select
            id={metricId}
            className="select"
            value={metric}
            onChange={(event) => setMetric(event.target.value as 'cost' | 'calls')}
          >
            <option value="cost">Cost (USD)</option>
            <option value="calls">Calls</option>
          </select>
        </div>
        {byDay.data && (
          <div className="toolbar-end">
            <UsageCsvLink rows={byDay.data.rows} group={groupOfAnswer(byDay.data.group_by)} from={from} />
          </div>
        )}
      </div>

      {(byDay.isError || totals.isError) && (
        <ErrorNotice title="Usage could not be loaded" error={byDay.error ?? totals.error} />
      )}
      {(byDay.isPending || totals.isPending) && <LoadingNotice what="usage" />}
      {totals.data && <UsageTotals totals={totals.data.totals} />}
      {byDay.data && (
        <section className="card" aria-labelledby={`${metricId}-title`}>
          <h2 id={`${metricId}-title`} className="card-title">
            {metric === 'cost' ? 'Cost' : 'Calls'} per day by {groupOfAnswer(byDay.data.group_by)}
          </h2>
          <UsageChart
            rows={byDay.data.rows}
            days={days}
            group={groupOfAnswer(byDay.data.group_by)}
            metric={metric}
          />
        </section>
      )}
      {totals.data && (
        <section className="card table-card" aria-labelledby={`${groupId}-title`}>
          <h2 id={`${groupId}-title`} className="card-title">
            By {groupOfAnswer(totals.data.group_by)}, last {period} days
          </h2>
          <UsageTable rows={totals.data.rows} group={groupOfAnswer(totals.data.group_by)} />
        </section>
      )}
      {recent.data && (
        <section className="card table-card" aria-labelledby={`${periodId}-recent`}>
          <h2 id={`${periodId}-recent`} className="card-title">
            Recent calls
          </h2>
          <RecentCalls calls={recent.data.calls} />
        </section>
      )}
    </>
  );
}
