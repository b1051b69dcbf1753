import type { Readable } from 'node:stream';

/**
 * Drops an upstream answer's body that will not be read. undici's body emits an abort error when destroyed,
 * which with no listener would be an uncaught exception: it is listened to and ignored here.
 */
export function discardBody(body: Readable): void {
  if (body.destroyed) return;
  body.once('error', () => {});
  body.destroy();
}
