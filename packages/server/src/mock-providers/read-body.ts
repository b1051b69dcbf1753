/**
 * Reads a request body whole. Bodies to a mock are small JSON documents, so buffering is right here.
 */
import type { IncomingMessage } from 'node:http';

/** The body as text (`''` when empty); rejects if the client goes away before it ends. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      ended = true;
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      );
    });
    req.on('close', () => {
      if (!ended) reject(new Error('client closed the request before its body ended'));
    });
    req.on('error', reject);
  });
}

/** Parses a JSON body: `undefined` when empty, `{ error }` when it is not JSON. */
export function parseJsonBody(text: string): { value: unknown } | { error: string } {
  if (text === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
