import { DEFAULT_STORAGE_URL } from '@switchboard/core';
import { type LoadedConfig, loadConfig } from '../config/load-config.js';
import { createStore, type Store } from '../store/create-store.js';
import type { GlobalOptions } from './cli-io.js';

/** The storage URL a config names (the embedded SQLite file by default). */
export function storageUrlOf(config: LoadedConfig): string {
  return config.config.storage?.url ?? DEFAULT_STORAGE_URL;
}

/** Loads the config and opens its store (migrated, not listening) for one command; always closes it. */
export async function withConfiguredStore<T>(
  options: GlobalOptions,
  work: (store: Store, config: LoadedConfig) => Promise<T>,
): Promise<T> {
  const config = await loadConfig({ file: options.config });
  const store = await createStore(storageUrlOf(config), { listen: false });
  try {
    return await work(store, config);
  } finally {
    await store.close();
  }
}
