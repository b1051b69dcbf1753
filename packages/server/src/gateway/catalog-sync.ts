import { createRegistry, groupImportedModels, type Registry } from '@switchboard/core';
import type { LoadedConfig } from '../config/load-config.js';
import type { Store } from '../store/create-store.js';
import type { RegistryState } from './registry-state.js';

/** How often a SQLite instance asks whether another process imported a catalogue (ms). */
export const CATALOG_POLL_MS = 1_500;

export interface CatalogSyncOptions {
  config: LoadedConfig;
  store: Store;
  registry: RegistryState;
  /** SQLite only: the poll interval. Default `CATALOG_POLL_MS`. */
  pollMs?: number | undefined;
  onError: (error: unknown) => void;
  /** Hears of every catalogue put in force (its version), after the registry was replaced. */
  onApplied?: ((version: number) => void) | undefined;
}

/** Keeps the registry on the stored catalogue's version. */
export interface CatalogSync {
  /** The version in force; 0 before any import. */
  readonly version: number;
  /** Reads the version now and rebuilds the registry when it moved. */
  check(): Promise<void>;
  close(): void;
}

/** The registry the config builds over the imported catalogue (config facts win, then imported, then built-in). */
export function buildRegistryWithCatalog(
  config: LoadedConfig,
  imported: Parameters<typeof groupImportedModels>[0],
): Registry {
  return createRegistry(config.config, {
    unconfigured: config.unconfigured,
    imported: groupImportedModels(imported),
  });
}

/**
 * Loads the stored catalogue into the registry before the gateway serves, then follows it: on PostgreSQL
 * through the change feed (`catalog` from any instance, and `resync` after a lost listener); on SQLite,
 * where another process's write is not heard, by polling the version, one indexed read per interval.
 */
export async function startCatalogSync(options: CatalogSyncOptions): Promise<CatalogSync> {
  const { store, registry, config } = options;
  let version = 0;
  let checking: Promise<void> | undefined;
  let again = false;

  const apply = async () => {
    const latest = await store.catalog.version();
    if (latest === version) return;
    const models = latest === 0 ? [] : await store.catalog.listModels();
    registry.replaceBase(latest === 0 ? config.registry : buildRegistryWithCatalog(config, models));
    version = latest;
    options.onApplied?.(latest);
  };

  // One check at a time; a change heard meanwhile runs one more, so the last import always wins.
  const check = (): Promise<void> => {
    if (checking) {
      again = true;
      return checking;
    }
    checking = apply()
      .catch(options.onError)
      .finally(() => {
        checking = undefined;
        if (again) {
          again = false;
          void check();
        }
      });
    return checking;
  };

  await apply();
  const unsubscribe = store.changes.subscribe((event) => {
    if (event.type === 'resync' || (event.type === 'change' && event.change.kind === 'catalog')) void check();
  });
  const timer =
    store.dialect === 'sqlite'
      ? setInterval(() => void check(), options.pollMs ?? CATALOG_POLL_MS)
      : undefined;
  timer?.unref();

  return {
    get version() {
      return version;
    },
    check,
    close() {
      unsubscribe();
      if (timer) clearInterval(timer);
    },
  };
}
