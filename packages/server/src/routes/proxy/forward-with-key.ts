import type { FastifyInstance } from 'fastify';
import { leaseKey } from '../../gateway/call-target.js';
import type { KeyLease } from '../../providers/key-pool.js';
import { leaseRuntime, type ProviderRuntime } from '../../providers/provider-runtime.js';
import type { BodyTap } from '../../proxy/create-body-tap.js';
import { type ForwardOptions, type ForwardOutcome, forwardToClient } from '../../proxy/forward-to-client.js';

/** The statuses that speak of the key rather than the request: cool it down (429) or mark it bad. */
const KEY_STATUSES = new Set([401, 403, 429]);

export interface ForwardWithKeyOptions extends Omit<ForwardOptions, 'request' | 'holdBack' | 'dispatcher'> {
  runtime: ProviderRuntime;
  /** The caller: their own key serves when they have one for this provider. */
  userId: string;
  /** The request to send; `headers` gets the leased key (`headersFor`). */
  request: Pick<ForwardOptions['request'], 'origin' | 'path' | 'method'>;
  /** The upstream headers for a runtime seen through one key. */
  headersFor(keyed: ProviderRuntime): Record<string, string | string[]>;
  /** What to send: a body read whole (which can always be sent again) or a tap of a streamed one. */
  body: BodyTap | Buffer | undefined;
}

/** How the forwarded call ended, and the key that served it (for the usage event). */
export type KeyedOutcome = ForwardOutcome & { lease: KeyLease | undefined };

/**
 * Forwards a proxied call with a key of the provider's pool (or the caller's own), and books what the
 * answer says of that key: a 429 cools it down (its `Retry-After`), a 401/403 marks it bad. Such an answer
 * is retried once on another key, and the client never sees the first, when nothing was sent yet and the
 * request body can be sent again: no body, one read whole before forwarding (up to 1 MiB of declared
 * length), or a streamed one that had fully arrived within the tap's first megabyte when the upstream
 * answered. A longer or still-streaming upload is not held in memory to replay, so its 429 passes through
 * to the client (with its `Retry-After`).
 */
export async function forwardWithKey(
  app: FastifyInstance,
  options: ForwardWithKeyOptions,
): Promise<KeyedOutcome> {
  const { runtime, body } = options;
  let lease = leaseKey(app, runtime, { userId: options.userId });
  let replay: Buffer | undefined;
  const tried = new Set<string>();
  for (let attempt = 0; ; attempt++) {
    const current = lease;
    const keyed = leaseRuntime(runtime, current);
    // Named fields, not spreads: cloning the options object per call showed in the proxy's profile.
    const outcome = (await forwardToClient({
      dispatcher: runtime.dispatcher,
      request: {
        origin: options.request.origin,
        path: options.request.path,
        method: options.request.method,
        headers: options.headersFor(keyed),
        body: attempt === 0 ? body : replay,
      },
      res: options.res,
      responseHeaders: options.responseHeaders,
      onChunk: options.onChunk,
      rewriteBody: options.rewriteBody,
      holdBack: (status, headers) => {
        if (!current || current.source === 'user' || !KEY_STATUSES.has(status)) return false;
        const retryAfter = headers['retry-after'];
        runtime.keys.report(current, status, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
        tried.add(current.label);
        if (attempt > 0 || !runtime.keys.hasOther(tried)) return false;
        replay = body === undefined || Buffer.isBuffer(body) ? body : body.whole();
        return !body || replay !== undefined;
      },
    })) as KeyedOutcome;
    if (outcome.kind !== 'held') {
      if (outcome.kind === 'ok' && outcome.statusCode < 400 && current) runtime.keys.report(current, 200);
      outcome.lease = current;
      return outcome;
    }
    app.log.warn(
      { provider: runtime.info.name, key: current?.label, status: outcome.statusCode },
      'key refused; retrying on another key',
    );
    lease = runtime.keys.pick(tried);
  }
}
