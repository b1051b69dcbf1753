import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CatalogInvalidError } from '@switchboard/core';
import { InvalidRequestError } from '../errors/invalid-request-error.js';

/** models.dev's whole `api.json` is about 3 MB; anything past this is not one. */
export const MAX_CATALOG_BYTES = 64 * 1024 * 1024;
/** How long a URL may take to answer in full. */
export const CATALOG_FETCH_TIMEOUT_MS = 60_000;

export interface ReadCatalogSourceOptions {
  /** What a relative file path is relative to. Default `process.cwd()`. */
  cwd?: string | undefined;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

async function readUrl(url: string): Promise<string> {
  let response: Response;
  try {
    // A public file: redirects are followed (no request here carries a credential to leak).
    response = await fetch(url, {
      signal: AbortSignal.timeout(CATALOG_FETCH_TIMEOUT_MS),
      redirect: 'follow',
    });
  } catch (error) {
    throw new InvalidRequestError(`cannot fetch ${url}: ${(error as Error).message}`, { source: url });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new InvalidRequestError(`cannot fetch ${url}: HTTP ${response.status}`, { source: url });
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_CATALOG_BYTES) {
    await response.body?.cancel();
    throw new InvalidRequestError(`${url} is larger than ${MAX_CATALOG_BYTES} bytes`, { source: url });
  }
  const text = await response.text();
  if (text.length > MAX_CATALOG_BYTES) {
    throw new InvalidRequestError(`${url} is larger than ${MAX_CATALOG_BYTES} bytes`, { source: url });
  }
  return text;
}

/**
 * Reads a models.dev `api.json` from a file or an http(s) URL and parses its JSON. An unreadable source is
 * an `InvalidRequestError`, text that is not JSON a `CatalogInvalidError`; the shape is checked by
 * `parseModelsDevCatalog`.
 */
export async function readCatalogSource(
  source: string,
  options: ReadCatalogSourceOptions = {},
): Promise<unknown> {
  let text: string;
  if (isUrl(source)) {
    text = await readUrl(source);
  } else {
    try {
      text = await readFile(resolve(options.cwd ?? process.cwd(), source), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidRequestError(
        `cannot read ${source}: ${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)}`,
        { source },
      );
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CatalogInvalidError(source, [`not JSON: ${(error as Error).message}`]);
  }
}
