import type { LimitRuleConfig } from '@switchboard/core';
import type { IsoTimestamp } from './database-schema.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';

/** A rule set at runtime, as stored. */
export interface StoredLimitRule {
  name: string;
  rule: LimitRuleConfig;
  updatedAt: IsoTimestamp;
  updatedBy: string | null;
}

/** `limit_rules`: shared by every instance; each write NOTIFYs, so the others reload their rules at once. */
export interface LimitRulesRepository {
  /** Every runtime rule, by name. */
  list(): Promise<StoredLimitRule[]>;
  /** Creates or replaces a rule (validated by the caller). */
  put(name: string, rule: LimitRuleConfig, updatedBy?: string | null): Promise<StoredLimitRule>;
  /** False when there was no such rule. */
  delete(name: string): Promise<boolean>;
}

/** Creates the repository. */
export function createLimitRulesRepository({ db, publisher }: RepositoryContext): LimitRulesRepository {
  return {
    async list() {
      const rows = await db.selectFrom('limit_rules').selectAll().orderBy('name').execute();
      return rows.map((row) => ({
        name: row.name,
        rule: JSON.parse(row.rule) as LimitRuleConfig,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
      }));
    },
    async put(name, rule, updatedBy = null) {
      const stored: StoredLimitRule = { name, rule, updatedAt: nowTimestamp(), updatedBy };
      const values = { rule: JSON.stringify(rule), updated_at: stored.updatedAt, updated_by: updatedBy };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('limit_rules')
          .values({ name, ...values })
          .onConflict((conflict) => conflict.column('name').doUpdateSet(values))
          .execute();
        await publisher.notify(trx, { kind: 'limits' });
      });
      publisher.committed({ kind: 'limits' });
      return stored;
    },
    async delete(name) {
      const deleted = await db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('limit_rules').where('name', '=', name).executeTakeFirst();
        await publisher.notify(trx, { kind: 'limits' });
        return result.numDeletedRows > 0n;
      });
      publisher.committed({ kind: 'limits' });
      return deleted;
    },
  };
}
