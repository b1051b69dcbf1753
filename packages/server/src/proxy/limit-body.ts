import { Transform } from 'node:stream';
import { BodyTooLargeError } from '../errors/body-too-large-error.js';

/** Passes a body of unknown length through, failing once it grows past `limit` bytes. */
export function limitBody(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > limit ? new BodyTooLargeError(limit) : null, chunk);
    },
  });
}
