import { PreconditionFailedError } from '../errors/precondition-failed-error.js';

/** The ETag of a user's preferences: their version, quoted. */
export function formatEtag(version: number): string {
  return `"${version}"`;
}

/**
 * The version an `If-Match` header requires, or undefined when there is none (or it is `*`).
 * A header that names no version this server could have issued can never match: 412 at once.
 */
export function parseIfMatch(
  header: string | undefined,
  currentEtag: () => Promise<string>,
): Promise<number | undefined> {
  if (header === undefined || header.trim() === '*') return Promise.resolve(undefined);
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (match) return Promise.resolve(Number(match[1]));
  return currentEtag().then((current) => {
    throw new PreconditionFailedError(header, current);
  });
}
