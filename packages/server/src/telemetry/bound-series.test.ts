import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { BoundCounter, BoundHistogram } from './bound-series.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const OBSERVATIONS = [
  { labels: { route: '/a', status: '200' }, values: [0.0005, 0.002, 0.05, 0.5, 3] },
  { labels: { route: '/b', status: '500' }, values: [0.01, 0.01, 2] },
];

/** The same observations through prom-client's own metrics and through the bound ones. */
function twoRegistries() {
  const own = new Registry();
  const bound = new Registry();
  const options = { help: 'h', labelNames: ['route', 'status'] as const };
  const promCounter = new Counter({ ...options, name: 'c_total', registers: [own] });
  const promHistogram = new Histogram({ ...options, name: 'h_seconds', buckets: BUCKETS, registers: [own] });
  const counter = new BoundCounter({ ...options, name: 'c_total', registers: [bound] });
  const histogram = new BoundHistogram({
    ...options,
    name: 'h_seconds',
    buckets: BUCKETS,
    registers: [bound],
  });
  for (const { labels, values } of OBSERVATIONS) {
    const boundCounter = counter.labels(labels);
    const boundHistogram = histogram.labels(labels);
    for (const value of values) {
      promCounter.inc(labels, 2);
      boundCounter.inc(2);
      promHistogram.observe(labels, value);
      boundHistogram.observe(value);
    }
  }
  return { own, bound, counter, histogram };
}

describe('bound series', () => {
  it('render exactly as prom-client renders the same observations', async () => {
    const { own, bound } = twoRegistries();
    expect(await bound.metrics()).toBe(await own.metrics());
    // prom-client's JSON also carries `exemplar: null` (exemplars are off); everything else is the same.
    const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
      metrics.map((metric) => ({
        ...metric,
        values: metric.values.map((value) => {
          const { exemplar: _, ...rest } = value as typeof value & { exemplar?: unknown };
          return rest;
        }),
      }));
    expect(await bound.getMetricsAsJSON()).toEqual(withoutExemplars(await own.getMetricsAsJSON()));
  });

  it('list a series only once it has been counted, as prom-client does', async () => {
    const { bound, counter, histogram } = twoRegistries();
    counter.labels({ route: '/never', status: '200' });
    histogram.labels({ route: '/never', status: '200' });
    expect(await bound.metrics()).not.toContain('/never');
  });

  it('refuse what prom-client refuses: a missing label, a negative increment, a value that is not a number', () => {
    const { counter, histogram } = twoRegistries();
    expect(() => counter.labels({ route: '/a' } as never)).toThrow(/label "status" is missing/);
    expect(() => counter.labels({ route: '/a', status: '200' }).inc(-1)).toThrow(/not a valid increment/);
    expect(() => histogram.labels({ route: '/a', status: '200' }).observe(Number.NaN)).toThrow(
      /not a valid number/,
    );
  });
});
