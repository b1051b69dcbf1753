import { isAbsolute, resolve } from 'node:path';
import { InvalidStoreUrlError } from './invalid-store-url-error.js';

/** The in-memory SQLite database: gone when the store closes. */
export const SQLITE_MEMORY = ':memory:';

/** Which database a storage URL names. */
export type StoreLocation =
  | { dialect: 'sqlite' /** An absolute path, or `:memory:`. */; filename: string }
  | { dialect: 'postgres'; connectionString: string };

/** The dialects the store speaks. */
export type StoreDialect = StoreLocation['dialect'];

/**
 * Reads `storage.url`: `sqlite:./data/switchboard.db` (relative to `cwd`), `sqlite:/abs/path.db`,
 * `sqlite:///abs/path.db`, `sqlite::memory:`, or `postgres://` / `postgresql://` (handed to `pg` as is).
 */
export function parseStoreUrl(url: string, cwd: string = process.cwd()): StoreLocation {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new InvalidStoreUrlError(url, 'the PostgreSQL URL does not parse');
    }
    return { dialect: 'postgres', connectionString: url };
  }
  if (url.startsWith('sqlite:')) {
    // `sqlite:///abs` and `sqlite://./rel` are common spellings of `sqlite:/abs` and `sqlite:./rel`.
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=[/.])/, '');
    if (path === '') throw new InvalidStoreUrlError(url, 'the SQLite file path is empty');
    if (path === SQLITE_MEMORY) return { dialect: 'sqlite', filename: SQLITE_MEMORY };
    return { dialect: 'sqlite', filename: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  throw new InvalidStoreUrlError(url, 'unknown scheme');
}
