import { parseModelsDevCatalog } from '@switchboard/core';
import type { CatalogImportSummary } from '../store/catalog-repository.js';
import type { Store } from '../store/create-store.js';
import { type ReadCatalogSourceOptions, readCatalogSource } from './read-catalog-source.js';

/**
 * Reads, validates and stores a models.dev catalogue. Everything is checked before the database is
 * touched, and the write is one transaction: a bad file or a failed write leaves the stored catalogue whole.
 */
export async function importCatalog(
  store: Store,
  source: string,
  options: ReadCatalogSourceOptions = {},
): Promise<CatalogImportSummary> {
  const parsed = parseModelsDevCatalog(await readCatalogSource(source, options), source);
  return store.catalog.replace(parsed, source);
}
