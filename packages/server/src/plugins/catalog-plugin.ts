import { dirname } from 'node:path';
import { DEFAULT_CATALOG_REFRESH } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { parseDuration } from '../catalog/parse-duration.js';
import { type CatalogRefresh, startCatalogRefresh } from '../catalog/start-catalog-refresh.js';
import { type CatalogSync, startCatalogSync } from '../gateway/catalog-sync.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The imported catalogue's version in force, followed across instances and processes. */
    catalogSync: CatalogSync;
  }
}

export interface CatalogPluginOptions {
  /** SQLite: how often to look for another process's import (ms). Default 1,500. */
  pollMs?: number | undefined;
  /** Refresh from `catalog.source` in the background when the config names one. Default true. */
  refresh?: boolean | undefined;
}

/**
 * Puts the stored catalogue under the config's facts before the first request, keeps it current when any
 * process imports one, and refreshes it from `catalog.source` every `catalog.refresh`.
 */
export const catalogPlugin = fp(
  async (app: FastifyInstance, options: CatalogPluginOptions) => {
    const sync = await startCatalogSync({
      config: app.config,
      store: app.store,
      registry: app.registryState,
      pollMs: options.pollMs,
      onError: (error) =>
        app.log.warn({ err: error }, 'catalogue reload failed; the previous one stays in force'),
      onApplied: (version) => app.log.debug({ version }, 'catalogue in force'),
    });
    app.decorate('catalogSync', sync);

    const section = app.config.config.catalog;
    const intervalMs = parseDuration(section?.refresh ?? DEFAULT_CATALOG_REFRESH);
    let refresh: CatalogRefresh | undefined;
    if (section?.source && intervalMs !== undefined && (options.refresh ?? true)) {
      const source = section.source;
      app.addHook('onReady', async () => {
        refresh = startCatalogRefresh({
          store: app.store,
          source,
          intervalMs,
          cwd: dirname(app.config.file),
          log: app.log,
        });
      });
    }
    // Before the store closes (`onClose`), so no poll runs against a closed database.
    app.addHook('preClose', async () => {
      refresh?.close();
      sync.close();
    });
  },
  { name: 'switchboard-catalog', dependencies: ['switchboard-config', 'switchboard-store'] },
);
