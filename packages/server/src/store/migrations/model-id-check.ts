import { type Expression, type SqlBool, sql } from 'kysely';
import type { StoreDialect } from '../parse-store-url.js';

/**
 * The CHECK for a model ID column: a non-empty provider before the first `:` and a non-empty name after
 * it. Only the shape: providers and tasks come from config, and adding one must not need a migration.
 * The two dialects name the "find a substring" function differently (`instr` / `strpos`).
 */
export function modelIdShapeCheck(dialect: StoreDialect, column: string): Expression<SqlBool> {
  const ref = sql.ref(column);
  const colon = dialect === 'sqlite' ? sql`instr(${ref}, ':')` : sql`strpos(${ref}, ':')`;
  return sql<SqlBool>`${colon} > 1 and length(${ref}) > ${colon}`;
}
