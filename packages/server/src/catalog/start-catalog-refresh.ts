import type { Store } from '../store/create-store.js';
import { importCatalog } from './import-catalog.js';

/** The first refresh waits this long after startup, so it never slows the start. */
export const FIRST_REFRESH_DELAY_MS = 5_000;

export interface CatalogRefreshOptions {
  store: Store;
  /** `catalog.source`: a file or URL. */
  source: string;
  intervalMs: number;
  /** What a relative file path is relative to (the config file's folder). */
  cwd?: string | undefined;
  /** How long after startup a stale (or missing) catalogue is refreshed. Default `FIRST_REFRESH_DELAY_MS`. */
  firstDelayMs?: number | undefined;
  log: {
    info: (fields: object, message: string) => void;
    warn: (fields: object, message: string) => void;
  };
}

/** The background refresh; `close` stops it. */
export interface CatalogRefresh {
  /** Reads the source now; resolves when done, never rejects (a failure is logged). */
  refresh(): Promise<void>;
  close(): void;
}

/**
 * Re-imports `catalog.source` every `intervalMs`, and soon after startup when the stored catalogue is
 * older than that (or there is none). Where the network does not allow it, each failure is a log line: the
 * catalogue already stored stays in force, and the gateway goes on serving.
 */
export function startCatalogRefresh(options: CatalogRefreshOptions): CatalogRefresh {
  const { store, source, intervalMs, log } = options;
  let running: Promise<void> | undefined;
  let closed = false;

  const refresh = () => {
    running ??= (async () => {
      try {
        const summary = await importCatalog(store, source, { cwd: options.cwd });
        log.info(
          { source, version: summary.version, models: summary.models, prices_changed: summary.pricesChanged },
          'catalogue refreshed',
        );
      } catch (error) {
        log.warn({ source, err: error }, 'catalogue refresh failed; the stored catalogue stays in force');
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const timers: NodeJS.Timeout[] = [];
  const every = setInterval(() => void refresh(), intervalMs);
  every.unref();
  timers.push(every);
  store.catalog
    .latestImport()
    .then((last) => {
      if (closed) return;
      const age = last ? Date.now() - Date.parse(last.importedAt) : Number.POSITIVE_INFINITY;
      if (age < intervalMs) return;
      const first = setTimeout(() => void refresh(), options.firstDelayMs ?? FIRST_REFRESH_DELAY_MS);
      first.unref();
      timers.push(first);
    })
    .catch((error: unknown) => log.warn({ err: error }, 'catalogue refresh: cannot read the last import'));

  return {
    refresh,
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
