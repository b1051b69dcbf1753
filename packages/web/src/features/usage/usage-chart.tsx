import type { UsageRow } from '@switchboard/client';
import { formatCost } from '@switchboard/core';
import { useElementWidth } from '../common/use-element-width';
import { nameInGroup, type UsagePageGroup } from './usage-group';

/** Distinct on white and for the common colour blindnesses (Okabe–Ito), then grey for the rest. */
const COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
const OTHER_COLOR = '#9CA3AF';
const FALLBACK_WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 12, right: 8, bottom: 28 };
/** Roughly the width of one character of the 11 px axis labels. */
const LABEL_CHAR_WIDTH = 6.6;

export interface UsageChartProps {
  /** Rows grouped by day and by `group`. */
  rows: readonly UsageRow[];
  /** Every day of the period, oldest first, so a day without calls shows as a gap. */
  days: readonly string[];
  group: UsagePageGroup;
  metric: 'cost' | 'calls';
}

function metricOf(row: UsageRow, metric: 'cost' | 'calls'): number {
  return metric === 'cost' ? (row.cost_usd ?? 0) : row.calls;
}

function formatValue(value: number, metric: 'cost' | 'calls'): string {
  return metric === 'cost' ? formatCost(value) : String(Math.round(value));
}

/** A stacked bar per day, one colour per task or model (the six largest; the rest as "other"). Plain SVG. */
export function UsageChart({ rows, days, group, metric }: UsageChartProps) {
  const [measure, measured] = useElementWidth(FALLBACK_WIDTH);
  const width = Math.max(measured, 200);
  const totalBySeries = new Map<string, number>();
  for (const row of rows) {
    const name = nameInGroup(row, group);
    totalBySeries.set(name, (totalBySeries.get(name) ?? 0) + metricOf(row, metric));
  }
  const ranked = [...totalBySeries].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const shown = ranked.slice(0, COLORS.length);
  const seriesOf = (name: string) => (shown.includes(name) ? name : 'other');
  const series = ranked.length > shown.length ? [...shown, 'other'] : shown;
  const colorOf = (name: string) => COLORS[shown.indexOf(name)] ?? OTHER_COLOR;

  const stacks = new Map<string, Map<string, number>>(days.map((day) => [day, new Map()]));
  for (const row of rows) {
    const stack = row.day ? stacks.get(row.day) : undefined;
    if (!stack) continue;
    const name = seriesOf(nameInGroup(row, group));
    stack.set(name, (stack.get(name) ?? 0) + metricOf(row, metric));
  }
  const dayTotals = days.map((day) =>
    [...(stacks.get(day)?.values() ?? [])].reduce((sum, value) => sum + value, 0),
  );
  const max = Math.max(...dayTotals, 0);
  const total = dayTotals.reduce((sum, value) => sum + value, 0);

  if (total === 0) {
    return (
      <p className="muted empty">No {metric === 'cost' ? 'priced calls' : 'calls'} in this period yet.</p>
    );
  }

  const ticks = [0, 0.5, 1].map((fraction) => max * fraction);
  const tickLabels = ticks.map((tick) => formatValue(tick, metric));
  const left = Math.ceil(Math.max(...tickLabels.map((label) => label.length)) * LABEL_CHAR_WIDTH) + 12;
  const plotWidth = width - left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / days.length;
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => PAD.top + plotHeight - (max === 0 ? 0 : (value / max) * plotHeight);
  const labelEvery = Math.ceil(days.length / Math.max(2, Math.floor(plotWidth / 56)));

  return (
    <figure className="chart" ref={measure}>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`${metric === 'cost' ? 'Cost' : 'Calls'} per day over ${days.length} days: ${formatValue(total, metric)} in all. The table below has the figures.`}
        width={width}
        height={HEIGHT}
        className="chart-svg"
      >
        {ticks.map((tick, index) => (
          <g key={tick}>
            <line x1={left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} className="chart-grid" />
            <text x={left - 6} y={y(tick)} className="chart-axis" textAnchor="end" dominantBaseline="middle">
              {tickLabels[index]}
            </text>
          </g>
        ))}
        {days.map((day, index) => {
          const stack = stacks.get(day) ?? new Map<string, number>();
          let base = 0;
          const x = left + index * slot + (slot - barWidth) / 2;
          return (
            <g key={day}>
              {series.map((name) => {
                const value = stack.get(name) ?? 0;
                if (value === 0) return null;
                const top = y(base + value);
                const height = y(base) - top;
                base += value;
                return (
                  <rect
                    key={name}
                    x={x}
                    y={top}
                    width={barWidth}
                    height={Math.max(height, 1)}
                    fill={colorOf(name)}
                    rx={1.5}
                  >
                    <title>{`${day} · ${name}: ${formatValue(value, metric)}`}</title>
                  </rect>
                );
              })}
              {index % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - 8} className="chart-axis" textAnchor="middle">
                  {day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label="Legend">
          {series.map((name) => (
            <li key={name}>
              <span className="swatch" style={{ background: colorOf(name) }} aria-hidden="true" />
              <code>{name}</code>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
