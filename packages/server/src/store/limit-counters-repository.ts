import type SqliteDatabase from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from './database-schema.js';
import type { StoreDialect } from './parse-store-url.js';

/** Which counter: a rule's, for one subject (`""` or wildcard values), in one calendar window. */
export interface CounterKey {
  rule: string;
  subject: string;
  /** Epoch ms of the window's start and end (`resets_at`). */
  windowStart: number;
  windowEnd: number;
}

/**
 * One counter's part of a reservation: it has room when `used + reserved + need <= limit`; then `used`
 * grows by `addUsed` (a request) and `reserved` by `addReserved` (a USD worst case).
 */
export interface CounterReservation extends CounterKey {
  limit: number;
  need: number;
  addUsed: number;
  addReserved: number;
}

/** What a call settles to afterwards: real tokens or cost into `used`, its reservation out of `reserved`. */
export interface CounterSettlement extends CounterKey {
  addUsed: number;
  addReserved: number;
}

/** A counter's values. */
export interface CounterValue {
  subject: string;
  used: number;
  reserved: number;
}

/** All applied, or none, and then which one had no room and what it held. */
export type ReserveResult = { ok: true } | { ok: false; index: number; used: number; reserved: number };

/**
 * The limits' counters, wherever they live (the database, or Redis with `storage.redis`). Every operation
 * is atomic across instances: a reservation checks and takes room in one step, so two instances can never
 * both take the last unit.
 */
export interface LimitCounters {
  readonly backend: 'sqlite' | 'postgres' | 'redis';
  /** Takes room on every counter, or on none when one has no room. */
  reserve(ops: readonly CounterReservation[]): Promise<ReserveResult>;
  /** Adds what a call used and releases what it reserved. */
  settle(ops: readonly CounterSettlement[]): Promise<void>;
  /** Every counter of one rule in one window. */
  read(rule: string, windowStart: number): Promise<CounterValue[]>;
  /** Deletes counters of windows that ended before `before` (epoch ms). */
  prune(before: number): Promise<void>;
  close(): Promise<void>;
}

/** Float sums drift in the last digits: a budget used to exactly its limit must still count as fitting. */
export const LIMIT_EPSILON = 1e-9;

const iso = (ms: number) => new Date(ms).toISOString();

/** Sorted, so concurrent multi-counter reservations lock rows in one order and cannot deadlock. */
function sortedIndexes(ops: readonly CounterKey[]): number[] {
  const key = (op: CounterKey) => `${op.rule}\u0000${op.windowStart}\u0000${op.subject}`;
  return ops.map((_op, index) => index).sort((a, b) => (key(ops[a]!) < key(ops[b]!) ? -1 : 1));
}

/**
 * SQLite: synchronous statements in one `BEGIN IMMEDIATE` transaction (it takes the write lock first, so a
 * second process on the same file waits instead of reading a value about to change) per turn of the event
 * loop, for every reservation of that turn. In the event loop, so nothing interleaves within this process
 * either. A few microseconds a call.
 */
function createSqliteCounters(sqlite: SqliteDatabase.Database): Omit<LimitCounters, 'read' | 'prune'> {
  const select = sqlite.prepare<[string, string, string], { used: number; reserved: number }>(
    'select used, reserved from limit_counters where rule = ? and window_start = ? and subject = ?',
  );
  const upsert = sqlite.prepare(
    `insert into limit_counters (rule, subject, window_start, resets_at, used, reserved)
     values (@rule, @subject, @windowStart, @resetsAt, @addUsed, max(@addReserved, 0))
     on conflict (rule, window_start, subject) do update set
       used = used + excluded.used, reserved = max(reserved + @addReserved, 0)`,
  );
  const row = (op: CounterKey & { addUsed: number; addReserved: number }) => ({
    rule: op.rule,
    subject: op.subject,
    windowStart: iso(op.windowStart),
    resetsAt: iso(op.windowEnd),
    addUsed: op.addUsed,
    addReserved: op.addReserved,
  });
  /** One call's reservation, all or nothing: it checks every counter before it writes any. */
  const reserveOne = (ops: readonly CounterReservation[]): ReserveResult => {
    for (const [index, op] of ops.entries()) {
      const current = select.get(op.rule, iso(op.windowStart), op.subject) ?? { used: 0, reserved: 0 };
      if (current.used + current.reserved + op.need > op.limit + LIMIT_EPSILON) {
        return { ok: false, index, used: current.used, reserved: current.reserved };
      }
    }
    for (const op of ops) upsert.run(row(op));
    return { ok: true };
  };
  // The reservations of one turn of the event loop share one transaction, each applied in arrival order
  // as if alone: the transaction is half of a reservation's cost (two counters: 24-29 µs each in their own,
  // 12-17 µs when nine share one), and under load one turn brings several calls (about nine at c=32).
  let pending: Array<{
    ops: readonly CounterReservation[];
    resolve: (result: ReserveResult) => void;
    reject: (error: unknown) => void;
  }> = [];
  const reserveAll = sqlite
    .transaction((batch: typeof pending) => batch.map(({ ops }) => reserveOne(ops)))
    .immediate.bind(null);
  const flushReservations = () => {
    const batch = pending;
    pending = [];
    let results: ReserveResult[];
    try {
      results = reserveAll(batch);
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    for (const [index, { resolve }] of batch.entries()) resolve(results[index] as ReserveResult);
  };
  const settle = sqlite.transaction((ops: readonly CounterSettlement[]) => {
    for (const op of ops) upsert.run(row(op));
  });
  return {
    backend: 'sqlite',
    reserve: (ops) =>
      new Promise<ReserveResult>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flushReservations);
        pending.push({ ops, resolve, reject });
      }),
    settle: async (ops) => settle(ops),
    close: async () => {},
  };
}

/**
 * PostgreSQL: each counter is one `insert ... on conflict do update ... where <room>` statement, which
 * locks the row and checks the room against its latest committed value, so instances on one database
 * never both take the last unit. Several counters go in one transaction, rolled back whole when one has
 * no room. One counter (the usual case) is one round trip, without a transaction.
 */
function createPostgresCounters(db: Kysely<DatabaseSchema>): Omit<LimitCounters, 'read' | 'prune'> {
  class NoRoom extends Error {
    constructor(readonly index: number) {
      super('no room');
    }
  }
  const take = async (executor: Kysely<DatabaseSchema>, op: CounterReservation) => {
    const result = await sql<{ used: number }>`
      insert into limit_counters (rule, subject, window_start, resets_at, used, reserved)
      values (${op.rule}, ${op.subject}, ${iso(op.windowStart)}, ${iso(op.windowEnd)}, ${op.addUsed}, ${op.addReserved})
      on conflict (rule, window_start, subject) do update set
        used = limit_counters.used + excluded.used, reserved = limit_counters.reserved + excluded.reserved
      where limit_counters.used + limit_counters.reserved + ${op.need}::double precision
        <= ${op.limit}::double precision + ${LIMIT_EPSILON}::double precision
      returning used`.execute(executor);
    return result.rows.length > 0;
  };
  const readOne = async (op: CounterKey) => {
    const found = await db
      .selectFrom('limit_counters')
      .select(['used', 'reserved'])
      .where('rule', '=', op.rule)
      .where('window_start', '=', iso(op.windowStart))
      .where('subject', '=', op.subject)
      .executeTakeFirst();
    return { used: Number(found?.used ?? 0), reserved: Number(found?.reserved ?? 0) };
  };
  const refused = async (ops: readonly CounterReservation[], index: number): Promise<ReserveResult> => ({
    ok: false,
    index,
    ...(await readOne(ops[index]!)),
  });
  return {
    backend: 'postgres',
    async reserve(ops) {
      if (ops.length === 1) return (await take(db, ops[0]!)) ? { ok: true } : refused(ops, 0);
      try {
        await db.transaction().execute(async (trx) => {
          for (const index of sortedIndexes(ops)) {
            if (!(await take(trx, ops[index]!))) throw new NoRoom(index);
          }
        });
        return { ok: true };
      } catch (error) {
        if (error instanceof NoRoom) return refused(ops, error.index);
        throw error;
      }
    },
    async settle(ops) {
      // Independent counters: no transaction needed, each statement is atomic on its own.
      await Promise.all(
        ops.map((op) =>
          sql`
            insert into limit_counters (rule, subject, window_start, resets_at, used, reserved)
            values (${op.rule}, ${op.subject}, ${iso(op.windowStart)}, ${iso(op.windowEnd)}, ${op.addUsed}, 0)
            on conflict (rule, window_start, subject) do update set
              used = limit_counters.used + excluded.used,
              reserved = greatest(limit_counters.reserved + ${op.addReserved}::double precision, 0)`.execute(
            db,
          ),
        ),
      );
    },
    close: async () => {},
  };
}

/** The counters in the database: SQLite for one instance, PostgreSQL for many. */
export function createLimitCountersRepository(
  db: Kysely<DatabaseSchema>,
  dialect: StoreDialect,
  sqlite: SqliteDatabase.Database | undefined,
): LimitCounters {
  // Prepared on first use: the statements need the table, which the migrations make after this runs.
  let engine: Omit<LimitCounters, 'read' | 'prune'> | undefined;
  const get = () => {
    engine ??= dialect === 'sqlite' && sqlite ? createSqliteCounters(sqlite) : createPostgresCounters(db);
    return engine;
  };
  return {
    backend: dialect,
    reserve: (ops) => get().reserve(ops),
    settle: (ops) => get().settle(ops),
    async read(rule, windowStart) {
      const rows = await db
        .selectFrom('limit_counters')
        .select(['subject', 'used', 'reserved'])
        .where('rule', '=', rule)
        .where('window_start', '=', iso(windowStart))
        .orderBy('subject')
        .execute();
      return rows.map((row) => ({
        subject: row.subject,
        used: Number(row.used),
        reserved: Number(row.reserved),
      }));
    },
    async prune(before) {
      await db.deleteFrom('limit_counters').where('resets_at', '<', iso(before)).execute();
    },
    close: async () => {},
  };
}
