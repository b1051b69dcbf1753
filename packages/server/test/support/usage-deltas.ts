import type { UsageSummaryRow } from '../../src/store/usage-repository.js';
import type { TestGateway } from './start-test-gateway.js';

/** Usage of one model between two snapshots. */
export interface UsageDelta {
  model: string | null;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Added cost of priced calls; 0 when none was priced. */
  cost: number;
  unpricedCalls: number;
}

/** Usage per model, as the store sums it (everything buffered written first). */
export async function snapshotUsage(gw: TestGateway): Promise<UsageSummaryRow[]> {
  await gw.app.store.usage.flush();
  return gw.app.store.usage.summarize({ groupBy: ['model'] });
}

/**
 * Waits until `calls` more calls than in `before` are recorded (a usage event is written when the answer
 * has ended, which may be a moment after the client read its last byte), then answers the models whose
 * usage changed.
 */
export async function usageSince(
  gw: TestGateway,
  before: UsageSummaryRow[],
  calls = 1,
): Promise<UsageDelta[]> {
  const total = (rows: UsageSummaryRow[]) => rows.reduce((sum, row) => sum + row.calls, 0);
  let after = await snapshotUsage(gw);
  for (let attempt = 0; total(after) < total(before) + calls && attempt < 200; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    after = await snapshotUsage(gw);
  }
  const earlier = new Map(before.map((row) => [row.model ?? null, row]));
  return after
    .map((row) => {
      const was = earlier.get(row.model ?? null);
      return {
        model: row.model ?? null,
        calls: row.calls - (was?.calls ?? 0),
        inputTokens: row.input_tokens - (was?.input_tokens ?? 0),
        outputTokens: row.output_tokens - (was?.output_tokens ?? 0),
        cost: (row.cost_usd ?? 0) - (was?.cost_usd ?? 0),
        unpricedCalls: row.unpriced_calls - (was?.unpriced_calls ?? 0),
      };
    })
    .filter((delta) => delta.calls > 0);
}
