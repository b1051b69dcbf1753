import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SecretKeyTooShortError } from '../errors/secret-key-too-short-error.js';

/** Shortest `SWITCHBOARD_SECRET_KEY` accepted: 32 characters, as much entropy as the AES key it makes. */
export const MIN_SECRET_KEY_LENGTH = 32;
/** The generated key file's name, beside the SQLite database file. */
export const SECRET_KEY_FILE = 'switchboard.secret';

/** Where the secret that encrypts runtime keys came from: said in the log at start (never the secret). */
export type SecretKeySource =
  | { kind: 'env' }
  | { kind: 'file'; path: string; created: boolean }
  /** An in-memory SQLite database: its keys die with the process, so a random secret does too. */
  | { kind: 'ephemeral' }
  /** PostgreSQL without `SWITCHBOARD_SECRET_KEY`: instances share no file, so runtime keys are refused. */
  | { kind: 'none'; reason: string };

export interface ResolvedSecretKey {
  secret: string | Buffer | undefined;
  source: SecretKeySource;
}

/**
 * The secret runtime keys are encrypted with: `SWITCHBOARD_SECRET_KEY` (at least 32 characters; shorter is an
 * error at start), else a random key file with 0600 permissions beside the SQLite file (created on first
 * start). On PostgreSQL a file would differ per instance, and the instances must read each other's keys,
 * so without the variable runtime keys are off (the keys API says how to turn them on).
 */
export async function resolveSecretKey(options: {
  env: Readonly<Record<string, string | undefined>>;
  /** The store: a SQLite file's path, `:memory:`, or PostgreSQL. */
  store: { dialect: 'sqlite'; filename: string } | { dialect: 'postgres' };
}): Promise<ResolvedSecretKey> {
  const fromEnv = options.env.SWITCHBOARD_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_KEY_LENGTH)
      throw new SecretKeyTooShortError(MIN_SECRET_KEY_LENGTH, fromEnv.length);
    return { secret: fromEnv, source: { kind: 'env' } };
  }
  const { store } = options;
  if (store.dialect === 'postgres') {
    return {
      secret: undefined,
      source: {
        kind: 'none',
        reason:
          'runtime provider keys need SWITCHBOARD_SECRET_KEY (32+ characters, the same on every instance) with PostgreSQL storage',
      },
    };
  }
  if (store.filename === ':memory:') return { secret: randomBytes(32), source: { kind: 'ephemeral' } };
  const path = join(dirname(store.filename), SECRET_KEY_FILE);
  try {
    const mode = (await stat(path)).mode & 0o777;
    // A key file others can read protects nothing: tighten it rather than go on silently.
    if (mode & 0o077) await chmod(path, 0o600);
    const text = (await readFile(path, 'utf8')).trim();
    if (text.length < MIN_SECRET_KEY_LENGTH)
      throw new SecretKeyTooShortError(MIN_SECRET_KEY_LENGTH, text.length, path);
    return { secret: text, source: { kind: 'file', path, created: false } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  // `wx`: two processes starting at once must not each write their own; the loser reads the winner's.
  try {
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return resolveSecretKey(options);
  }
  return { secret, source: { kind: 'file', path, created: true } };
}

/** The start-up log line for a secret's source: where it came from, never what it is. */
export function describeSecretKeySource(source: SecretKeySource): string {
  if (source.kind === 'env') return 'runtime provider keys: encrypted with SWITCHBOARD_SECRET_KEY';
  if (source.kind === 'file') {
    return `runtime provider keys: encrypted with the key file ${source.path}${source.created ? ' (created)' : ''}`;
  }
  if (source.kind === 'ephemeral') {
    return 'runtime provider keys: encrypted with a random key held in memory (in-memory database)';
  }
  return `runtime provider keys are off: ${source.reason}`;
}
