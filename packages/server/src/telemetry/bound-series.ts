import type { Registry } from 'prom-client';

/**
 * Counters and histograms for the per-call path, whose children are bound to their label values once and
 * then cost a few additions per `inc`/`observe`. prom-client's own bound children validate and hash their
 * label object on every call (about 1.5 µs each, and a proxied call touches nine series). Registered on a
 * prom-client `Registry`, which renders them exactly as it renders its own metrics (the same
 * `getForPromString`/`get` shapes), so `/metrics` does not change.
 */

type Labels<Names extends string> = Readonly<Record<Names, string>>;

interface SeriesOptions<Names extends string> {
  name: string;
  help: string;
  labelNames: readonly Names[];
  registers: readonly Registry[];
}

interface ExportedValue {
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
  metricName?: string;
}

interface ExportedMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  values: ExportedValue[];
  aggregator: 'sum';
}

/** A child's labels in the metric's label order, and the key it is bound under. */
function keyOf<Names extends string>(labelNames: readonly Names[], labels: Labels<Names>) {
  const ordered: Record<string, string> = {};
  for (const name of labelNames) {
    const value = labels[name];
    if (typeof value !== 'string') throw new TypeError(`label "${name}" is missing`);
    ordered[name] = value;
  }
  return { ordered, key: labelNames.map((name) => ordered[name]).join('\u0000') };
}

/** The label sets merged, as prom-client's `get()` answers them (`splayLabels`). */
function splay(values: ExportedValue[]): ExportedValue[] {
  return values.map(({ labels, sharedLabels, value, metricName }) => ({
    labels: { ...sharedLabels, ...labels },
    value,
    ...(metricName ? { metricName } : {}),
  }));
}

/** What both kinds share: their children by label values, and what prom-client's registry calls on them. */
abstract class BoundMetric<Names extends string, Child> {
  readonly aggregator = 'sum';
  name: string;
  readonly help: string;
  private readonly labelNames: readonly Names[];
  private readonly children = new Map<string, Child>();

  constructor(options: SeriesOptions<Names>) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames;
    for (const registry of options.registers) registry.registerMetric(this as never);
  }

  /** The child for these label values, made by `create` (with the labels in the metric's order) the first time. */
  protected childOf(labels: Labels<Names>, create: (ordered: Record<string, string>) => Child): Child {
    const { ordered, key } = keyOf(this.labelNames, labels);
    let child = this.children.get(key);
    if (!child) {
      child = create(ordered);
      this.children.set(key, child);
    }
    return child;
  }

  protected allChildren(): IterableIterator<Child> {
    return this.children.values();
  }

  /** The values as prom-client renders them as text: a histogram's series labels kept apart. */
  abstract getForPromString(): ExportedMetric;

  get(): ExportedMetric {
    const metric = this.getForPromString();
    return { ...metric, values: splay(metric.values) };
  }

  reset(): void {
    this.children.clear();
  }
}

export class BoundCounter<Names extends string> extends BoundMetric<
  Names,
  {
    labels: Record<string, string>;
    value: number;
    /** Listed once touched, as prom-client lists a series only from its first `inc`. */
    used: boolean;
  }
> {
  readonly type = 'counter';

  /** The child for these label values; keep it: its `inc` is one addition. */
  labels(labels: Labels<Names>): { inc(value?: number): void } {
    const series = this.childOf(labels, (ordered) => ({ labels: ordered, value: 0, used: false }));
    return {
      inc(value = 1) {
        if (!(value >= 0) || !Number.isFinite(value)) throw new TypeError(`not a valid increment: ${value}`);
        series.value += value;
        series.used = true;
      },
    };
  }

  getForPromString(): ExportedMetric {
    const values: ExportedValue[] = [];
    for (const { labels, value, used } of this.allChildren()) {
      if (used) values.push({ labels: { ...labels }, value });
    }
    return { name: this.name, help: this.help, type: 'counter', values, aggregator: 'sum' };
  }
}

export class BoundHistogram<Names extends string> extends BoundMetric<
  Names,
  { labels: Record<string, string>; counts: number[]; sum: number; count: number }
> {
  readonly type = 'histogram';
  private readonly upperBounds: readonly number[];

  constructor(options: SeriesOptions<Names> & { buckets: readonly number[] }) {
    super(options);
    this.upperBounds = [...options.buckets].sort((a, b) => a - b);
  }

  /** The child for these label values; keep it: its `observe` finds a bucket and adds. Listed once observed. */
  labels(labels: Labels<Names>): { observe(value: number): void } {
    const series = this.childOf(labels, (ordered) => ({
      labels: ordered,
      counts: this.upperBounds.map(() => 0),
      sum: 0,
      count: 0,
    }));
    const bounds = this.upperBounds;
    return {
      observe(value) {
        if (!Number.isFinite(value)) throw new TypeError(`not a valid number: ${value}`);
        series.sum += value;
        series.count += 1;
        for (let i = 0; i < bounds.length; i++) {
          if (value <= (bounds[i] as number)) {
            (series.counts[i] as number)++;
            return;
          }
        }
      },
    };
  }

  getForPromString(): ExportedMetric {
    const values: ExportedValue[] = [];
    const bucket = `${this.name}_bucket`;
    for (const { labels, counts, sum, count } of this.allChildren()) {
      if (count === 0) continue;
      let cumulative = 0;
      for (const [i, le] of this.upperBounds.entries()) {
        cumulative += counts[i] as number;
        values.push({ labels: { le }, sharedLabels: labels, value: cumulative, metricName: bucket });
      }
      values.push({ labels: { le: '+Inf' }, sharedLabels: labels, value: count, metricName: bucket });
      values.push({ labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: 'histogram', values, aggregator: 'sum' };
  }
}
