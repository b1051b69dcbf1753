import type { ImportedModel, ModelFacts, ParsedCatalog } from '@switchboard/core';
import type { IsoTimestamp } from './database-schema.js';
import type { RepositoryContext } from './repository-context.js';
import { nowTimestamp } from './timestamps.js';

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters (3 per row). */
const INSERT_BATCH = 500;

/** One import as recorded. */
export interface CatalogImport {
  version: number;
  source: string;
  importedAt: IsoTimestamp;
  providers: number;
  models: number;
  pricesChanged: number;
}

/** What an import changed, for the CLI's summary. */
export interface CatalogImportSummary extends CatalogImport {
  added: number;
  removed: number;
}

/** `catalog_models` and `catalog_imports`: the imported catalogue every instance shares. */
export interface CatalogRepository {
  /** The catalogue's version: the last import's, 0 before any. Cheap: what SQLite instances poll. */
  version(): Promise<number>;
  /** The last import, if any. */
  latestImport(): Promise<CatalogImport | undefined>;
  /** Every imported model. */
  listModels(): Promise<ImportedModel[]>;
  /**
   * Replaces the whole catalogue with `catalog` in one transaction (a failure leaves the previous one
   * whole) and tells every instance (NOTIFY on PostgreSQL; SQLite instances see the version move).
   */
  replace(catalog: ParsedCatalog, source: string): Promise<CatalogImportSummary>;
}

const samePrice = (a: ModelFacts['cost'], b: ModelFacts['cost']) => JSON.stringify(a) === JSON.stringify(b);

/** Creates the repository. */
export function createCatalogRepository({ db, publisher }: RepositoryContext): CatalogRepository {
  return {
    async version() {
      const row = await db
        .selectFrom('catalog_imports')
        .select((eb) => eb.fn.max('version').as('version'))
        .executeTakeFirst();
      return Number(row?.version ?? 0);
    },
    async latestImport() {
      const row = await db
        .selectFrom('catalog_imports')
        .selectAll()
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        version: Number(row.version),
        source: row.source,
        importedAt: row.imported_at,
        providers: Number(row.providers),
        models: Number(row.models),
        pricesChanged: Number(row.prices_changed),
      };
    },
    async listModels() {
      const rows = await db.selectFrom('catalog_models').selectAll().execute();
      return rows.map((row) => ({
        provider: row.provider,
        name: row.name,
        facts: JSON.parse(row.facts) as ModelFacts,
      }));
    },
    async replace(catalog, source) {
      const summary = await db.transaction().execute(async (trx) => {
        const previous = new Map<string, ModelFacts['cost']>();
        for (const row of await trx.selectFrom('catalog_models').selectAll().execute()) {
          previous.set(`${row.provider}\u0000${row.name}`, (JSON.parse(row.facts) as ModelFacts).cost);
        }
        let added = 0;
        let pricesChanged = 0;
        const seen = new Set<string>();
        for (const model of catalog.models) {
          const key = `${model.provider}\u0000${model.name}`;
          seen.add(key);
          if (!previous.has(key)) added++;
          else if (!samePrice(previous.get(key) ?? null, model.facts.cost)) pricesChanged++;
        }
        const removed = [...previous.keys()].filter((key) => !seen.has(key)).length;

        await trx.deleteFrom('catalog_models').execute();
        for (let at = 0; at < catalog.models.length; at += INSERT_BATCH) {
          const rows = catalog.models.slice(at, at + INSERT_BATCH).map((model) => ({
            provider: model.provider,
            name: model.name,
            facts: JSON.stringify(model.facts),
          }));
          await trx.insertInto('catalog_models').values(rows).execute();
        }
        const last = await trx
          .selectFrom('catalog_imports')
          .select((eb) => eb.fn.max('version').as('version'))
          .executeTakeFirst();
        const recorded: CatalogImport = {
          version: Number(last?.version ?? 0) + 1,
          source,
          importedAt: nowTimestamp(),
          providers: catalog.providers,
          models: catalog.models.length,
          pricesChanged,
        };
        await trx
          .insertInto('catalog_imports')
          .values({
            version: recorded.version,
            source,
            imported_at: recorded.importedAt,
            providers: recorded.providers,
            models: recorded.models,
            prices_changed: pricesChanged,
          })
          .execute();
        await publisher.notify(trx, { kind: 'catalog' });
        return { ...recorded, added, removed };
      });
      publisher.committed({ kind: 'catalog' });
      return summary;
    },
  };
}
