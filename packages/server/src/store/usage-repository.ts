import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DatabaseSchema, UsageEventsTable } from './database-schema.js';

/** One event as inserted: every column but the database's own sequence. */
type UsageEventRow = Omit<UsageEventsTable, 'id'>;

import { type BatchRecorderOptions, createBatchRecorder, PartialWriteError } from './batch-recorder.js';
import { toTimestamp } from './timestamps.js';

/** The largest value of an `integer` column on PostgreSQL; counts above it are clamped, not refused. */
const MAX_INTEGER = 2_147_483_647;

/** How a call ended (`refused`: before any upstream request). Other strings are stored as given. */
export type UsageStatus = 'ok' | 'error' | 'aborted' | 'refused' | (string & {});

/** One served call, as the gateway reports it. */
export interface UsageEvent {
  /** When the call started. Default: when `record` was called. */
  time?: Date | number | undefined;
  requestId?: string | null | undefined;
  userId?: string | null | undefined;
  task?: string | null | undefined;
  modelId?: string | null | undefined;
  provider?: string | null | undefined;
  /** The route that served it (`/v1/chat/completions`, `proxy`, ...). */
  endpoint?: string | null | undefined;
  inputTokens?: number | null | undefined;
  outputTokens?: number | null | undefined;
  cachedInputTokens?: number | null | undefined;
  reasoningTokens?: number | null | undefined;
  /** Required on purpose: `null` when the price is unknown. Never pass 0 for "unknown". */
  costUsd: number | null;
  latencyMs?: number | null | undefined;
  status: UsageStatus;
  errorCode?: string | null | undefined;
  /** The OpenTelemetry trace of the call, when tracing is on. */
  traceId?: string | null | undefined;
  /** The key that served: its pool label, `user` for the caller's own key. */
  keyLabel?: string | null | undefined;
}

/** What `summarize` can group by. */
export type UsageGroupBy = 'task' | 'model' | 'user' | 'day' | 'status' | 'key';

/** A usage query: `from` inclusive, `to` exclusive. */
export interface UsageSummaryQuery {
  from?: Date | string | undefined;
  to?: Date | string | undefined;
  userId?: string | undefined;
  /** Default none: one row for the whole range. */
  groupBy?: readonly UsageGroupBy[] | undefined;
}

/** One group of usage. Keys of `groupBy` are present; the others are absent. */
export interface UsageSummaryRow {
  task?: string | null;
  model?: string | null;
  user?: string | null;
  /** `YYYY-MM-DD`, UTC. */
  day?: string;
  status?: string;
  /** `<provider>/<key label>`, null for calls without a key. */
  key?: string | null;
  /** Everything but refused requests. */
  calls: number;
  /** Calls with status `error`. */
  failed_calls: number;
  /** Requests refused before any upstream request. */
  refused_calls: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  /** Sum over priced calls only; null when no call of the group had a known price. */
  cost_usd: number | null;
  /** Successful calls whose price was unknown: counted here, never as $0. */
  unpriced_calls: number;
}

/** A model whose successful calls had no known price. */
export interface UnpricedModelRow {
  modelId: string;
  calls: number;
  lastCallAt: string;
}

/** One recorded call, newest first in `recentCalls`. */
export interface RecentCall {
  time: string;
  requestId: string | null;
  userId: string | null;
  task: string | null;
  modelId: string | null;
  endpoint: string | null;
  status: string;
  errorCode: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  latencyMs: number | null;
  traceId: string | null;
  /** The key that served (label, or `user`). */
  keyLabel: string | null;
}

/** `usage_events`: buffered appends and grouped sums. */
export interface UsageRepository {
  /** Buffers an event; synchronous, never throws, never waits on the database. */
  record(event: UsageEvent): void;
  /** Writes everything buffered so far. */
  flush(): Promise<void>;
  /** Writes everything and stops; the store's `close()` calls it. */
  close(): Promise<void>;
  /** Events waiting to be written, and events dropped (buffer full or recorder closed). */
  stats(): { pending: number; dropped: number };
  summarize(query?: UsageSummaryQuery): Promise<UsageSummaryRow[]>;
  /** Models with successful calls recorded with no cost (of one user, when given), most such calls first. */
  unpricedModels(query?: { userId?: string | undefined }): Promise<UnpricedModelRow[]>;
  /** The latest calls (of one user, when given), newest first. */
  recentCalls(query: { userId?: string | undefined; limit: number }): Promise<RecentCall[]>;
}

function count(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.min(MAX_INTEGER, Math.max(0, Math.round(value)));
}

/** Shapes an event into a row at once, so a bad value is fixed here rather than poisoning a batch. */
function toRow(event: UsageEvent): UsageEventRow {
  const time = event.time === undefined ? new Date() : new Date(event.time);
  return {
    time: (Number.isNaN(time.getTime()) ? new Date() : time).toISOString(),
    request_id: event.requestId ?? null,
    user_id: event.userId ?? null,
    task: event.task ?? null,
    model_id: event.modelId ?? null,
    provider: event.provider ?? null,
    endpoint: event.endpoint ?? null,
    input_tokens: count(event.inputTokens),
    output_tokens: count(event.outputTokens),
    cached_input_tokens: count(event.cachedInputTokens),
    reasoning_tokens: count(event.reasoningTokens),
    cost_usd: typeof event.costUsd === 'number' && Number.isFinite(event.costUsd) ? event.costUsd : null,
    latency_ms: count(event.latencyMs),
    status: String(event.status),
    error_code: event.errorCode ?? null,
    trace_id: event.traceId ?? null,
    key_label: event.keyLabel ?? null,
  };
}

const GROUP_EXPRESSIONS: Record<UsageGroupBy, RawBuilder<string | null>> = {
  task: sql`task`,
  model: sql`model_id`,
  user: sql`user_id`,
  // The first ten characters of an ISO-8601 UTC timestamp are its UTC day, on both dialects.
  day: sql`substr(time, 1, 10)`,
  status: sql`status`,
  // A label means something only with its provider (`default` is in every pool).
  key: sql`case when key_label is null then null else provider || '/' || key_label end`,
};

const sumOf = (column: string) => sql<string | number>`coalesce(sum(${sql.ref(column)}), 0)`;
const countWhere = (condition: RawBuilder<unknown>) =>
  sql<string | number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/** Rows per SQLite transaction: about 0.6 ms of work, so a request never waits long behind a batch. */
const SQLITE_CHUNK_ROWS = 100;

/**
 * SQLite runs in the event loop, so writing a batch must not hold it: a prepared single-row insert run in
 * one transaction per 100 rows (about 6 µs a row here), yielding to waiting requests between chunks. One
 * 500-row insert built through the query builder held the loop 4-8 ms, which showed as the proxy's p99.
 * Prepared on first use, after the migrations made the table.
 */
function createSqliteUsageWriter(sqlite: SqliteDatabase.Database) {
  let insertAll: ((rows: UsageEventRow[]) => void) | undefined;
  return async (rows: UsageEventRow[]) => {
    if (!insertAll) {
      const columns = Object.keys(toRow({ costUsd: null, status: 'ok' })) as Array<keyof UsageEventRow>;
      const insert = sqlite.prepare(
        `insert into usage_events (${columns.join(', ')}) values (${columns.map((column) => `@${column}`).join(', ')})`,
      );
      insertAll = sqlite.transaction((batch: UsageEventRow[]) => {
        for (const row of batch) insert.run(row);
      });
    }
    for (let start = 0; start < rows.length; start += SQLITE_CHUNK_ROWS) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      try {
        insertAll(rows.slice(start, start + SQLITE_CHUNK_ROWS));
      } catch (error) {
        // Earlier chunks are committed: retrying them would count those calls twice.
        throw start > 0 ? new PartialWriteError(start, error) : error;
      }
    }
  };
}

/** Creates the repository; `recorder` tunes batching (tests shorten the interval). */
export function createUsageRepository(
  db: Kysely<DatabaseSchema>,
  recorder: Omit<BatchRecorderOptions<UsageEventRow>, 'write'> = {},
  sqlite?: SqliteDatabase.Database,
): UsageRepository {
  const writeWithBuilder = async (rows: UsageEventRow[]) => {
    await db.insertInto('usage_events').values(rows).execute();
  };
  const batches = createBatchRecorder<UsageEventRow>({
    ...recorder,
    write: sqlite ? createSqliteUsageWriter(sqlite) : writeWithBuilder,
  });

  return {
    record: (event) => batches.record(toRow(event)),
    flush: () => batches.flush(),
    close: () => batches.close(),
    stats: () => ({ pending: batches.pending, dropped: batches.dropped }),
    async summarize(query = {}) {
      const groupBy = [...new Set(query.groupBy ?? [])];
      let select = db.selectFrom('usage_events').select([
        countWhere(sql`status <> 'refused'`).as('calls'),
        countWhere(sql`status = 'error'`).as('failed_calls'),
        countWhere(sql`status = 'refused'`).as('refused_calls'),
        sumOf('input_tokens').as('input_tokens'),
        sumOf('output_tokens').as('output_tokens'),
        sumOf('cached_input_tokens').as('cached_input_tokens'),
        sumOf('reasoning_tokens').as('reasoning_tokens'),
        // SUM skips NULLs, so this adds priced calls only, and is NULL when none was priced.
        sql<string | number | null>`sum(cost_usd)`.as('cost_usd'),
        // "Price unknown" is a fact of a call that was billed: a failed call has no cost to know.
        countWhere(sql`status = 'ok' and cost_usd is null`).as('unpriced_calls'),
      ]);
      for (const key of groupBy) {
        select = select
          .select(GROUP_EXPRESSIONS[key].as(key))
          .groupBy(GROUP_EXPRESSIONS[key])
          .orderBy(GROUP_EXPRESSIONS[key]);
      }
      if (query.from !== undefined) select = select.where('time', '>=', toTimestamp(query.from));
      if (query.to !== undefined) select = select.where('time', '<', toTimestamp(query.to));
      if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
      const rows = (await select.execute()) as Array<Record<string, unknown>>;
      return rows.map((row) => {
        const summary: UsageSummaryRow = {
          calls: Number(row.calls),
          failed_calls: Number(row.failed_calls),
          refused_calls: Number(row.refused_calls),
          input_tokens: Number(row.input_tokens),
          output_tokens: Number(row.output_tokens),
          cached_input_tokens: Number(row.cached_input_tokens),
          reasoning_tokens: Number(row.reasoning_tokens),
          cost_usd: row.cost_usd === null ? null : Number(row.cost_usd),
          unpriced_calls: Number(row.unpriced_calls),
        };
        for (const key of groupBy) Object.assign(summary, { [key]: row[key] ?? null });
        return summary;
      });
    },
    async unpricedModels(query = {}) {
      // The same test as `unpriced_calls`: a successful call whose cost is unknown.
      let select = db
        .selectFrom('usage_events')
        .select((eb) => ['model_id', eb.fn.countAll().as('calls'), eb.fn.max('time').as('last_call_at')])
        .where('status', '=', 'ok')
        .where('cost_usd', 'is', null)
        .where('model_id', 'is not', null)
        .groupBy('model_id')
        .orderBy('calls', 'desc')
        .orderBy('model_id');
      if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
      const rows = await select.execute();
      return rows.map((row) => ({
        modelId: row.model_id!,
        calls: Number(row.calls),
        lastCallAt: String(row.last_call_at),
      }));
    },
    async recentCalls(query) {
      let select = db.selectFrom('usage_events').selectAll().orderBy('id', 'desc').limit(query.limit);
      if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
      const rows = await select.execute();
      return rows.map((row) => ({
        time: row.time,
        requestId: row.request_id,
        userId: row.user_id,
        task: row.task,
        modelId: row.model_id,
        endpoint: row.endpoint,
        status: row.status,
        errorCode: row.error_code,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        costUsd: row.cost_usd === null ? null : Number(row.cost_usd),
        latencyMs: row.latency_ms,
        traceId: row.trace_id,
        keyLabel: row.key_label,
      }));
    },
  };
}
