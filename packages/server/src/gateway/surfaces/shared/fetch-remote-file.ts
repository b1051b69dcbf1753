import { lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { InvalidRequestError } from '../../../errors/invalid-request-error.js';
import { isPublicAddress } from './is-public-address.js';

/** Largest file the gateway fetches for a provider that takes no URLs (bytes): providers cap images near it. */
export const REMOTE_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Time to fetch it, connection to last byte (ms). */
export const REMOTE_FILE_TIMEOUT_MS = 10_000;

export interface RemoteFile {
  data: Uint8Array;
  mediaType: string;
}

export interface FetchRemoteFileOptions {
  signal?: AbortSignal | undefined;
  /** For tests only: allow loopback and private addresses (the mock servers live there). */
  allowPrivateAddresses?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
}

function refused(url: URL, why: string): InvalidRequestError {
  return new InvalidRequestError(`The file at ${url.origin}${url.pathname} could not be used: ${why}`, {
    url: `${url.origin}${url.pathname}`,
  });
}

/** A DNS lookup that fails for any non-public address, checked on the address actually connected to. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as Array<{ address: string; family: number }>;
    const blocked = list.find((entry) => !isPublicAddress(entry.address));
    if (blocked || list.length === 0) {
      return callback(
        Object.assign(new Error('private address'), { code: 'SWITCHBOARD_PRIVATE_ADDRESS' }),
        '',
        0,
      );
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    const first = list[0] as { address: string; family: number };
    return callback(null, first.address, first.family);
  });
};

/**
 * Fetches a file a client named by URL, for a provider that only takes inline data: http(s) only, never
 * from a loopback, private or link-local address (checked on the resolved address the connection uses,
 * so a DNS name cannot point the gateway at its own network), no redirects, at most 20 MiB within 10 s.
 * Whatever goes wrong is the request's fault: a 400 that names the URL.
 */
export async function fetchRemoteFile(url: URL, options: FetchRemoteFileOptions = {}): Promise<RemoteFile> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refused(url, 'only http(s) URLs are fetched.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivateAddresses && !isPublicAddress(host) && /^[\d.]+$|:/.test(host)) {
    throw refused(
      url,
      'it is on a loopback, private or link-local address, which the gateway never fetches from.',
    );
  }
  const maxBytes = options.maxBytes ?? REMOTE_FILE_MAX_BYTES;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? REMOTE_FILE_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const dispatcher = new Agent({
    connect: options.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup },
  });
  try {
    const response = await request(url, {
      method: 'GET',
      signal,
      dispatcher,
      headers: { accept: 'image/*,application/pdf,*/*;q=0.5' },
    });
    if (response.statusCode >= 300) {
      await response.body.dump();
      throw refused(
        url,
        `it answered HTTP ${response.statusCode}${response.statusCode < 400 ? ' (redirects are not followed)' : ''}.`,
      );
    }
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes) {
      response.body.destroy();
      throw refused(url, `it is ${length} bytes, more than the ${maxBytes} the gateway fetches.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.body.destroy();
        throw refused(url, `it is more than the ${maxBytes} bytes the gateway fetches.`);
      }
      chunks.push(chunk as Buffer);
    }
    const type = String(response.headers['content-type'] ?? 'application/octet-stream')
      .split(';')[0]
      ?.trim();
    return { data: new Uint8Array(Buffer.concat(chunks)), mediaType: type || 'application/octet-stream' };
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) throw error;
    if (options.signal?.aborted) throw error;
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'SWITCHBOARD_PRIVATE_ADDRESS') {
      throw refused(
        url,
        'its name resolves to a loopback, private or link-local address, which the gateway never fetches from.',
      );
    }
    if (timeout.aborted)
      throw refused(url, `it did not arrive within ${options.timeoutMs ?? REMOTE_FILE_TIMEOUT_MS} ms.`);
    throw refused(url, `it could not be fetched (${code ?? (error as Error).message}).`);
  } finally {
    void dispatcher.close();
  }
}
