import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';

/** How a forwarded call ended. */
export type ForwardOutcome =
  | { kind: 'ok'; statusCode: number }
  /** The upstream failed: before the answer's headers (`headersSent: false`, the caller answers an error) or after. */
  | { kind: 'error'; statusCode: number; error: Error; headersSent: boolean }
  /** The client went away first; the upstream request was aborted. */
  | { kind: 'aborted'; statusCode: number }
  /** `holdBack` kept the answer from the client (nothing was written); its body was dropped. */
  | { kind: 'held'; statusCode: number; headers: IncomingHttpHeaders };

export interface ForwardOptions {
  dispatcher: Dispatcher;
  request: Dispatcher.DispatchOptions;
  res: ServerResponse;
  /** The client's headers for the upstream's status and headers. */
  responseHeaders(statusCode: number, headers: IncomingHttpHeaders): OutgoingHttpHeaders;
  /** Sees each chunk after it was written to the client. */
  onChunk?: ((chunk: Buffer) => void) | undefined;
  /**
   * Rewrites the body of an answer, decided once its status is known (the proxy scrubs keys out of error
   * answers this way). `responseHeaders` must then drop `content-length`, since the length may change.
   */
  rewriteBody?: ((statusCode: number) => BodyRewriter | undefined) | undefined;
  /**
   * True for an answer the client must not get (a key's 429 the caller retries on another key): nothing
   * is written to `res`, the upstream request is ended, and the outcome is `held`.
   */
  holdBack?: ((statusCode: number, headers: IncomingHttpHeaders) => boolean) | undefined;
}

class HeldBackError extends Error {
  constructor() {
    super('the answer was held back for a retry');
    this.name = 'HeldBackError';
  }
}

/** Turns each chunk of an answer into what the client gets, and adds what it held back at the end. */
export interface BodyRewriter {
  write(chunk: Buffer): Buffer;
  end(): Buffer;
}

class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'ClientGoneError';
  }
}

/**
 * Sends one request upstream and writes the answer to the client as it arrives, through undici's dispatch
 * handler: each chunk goes from the upstream socket to `res.write` with no stream in between, the upstream is
 * paused while the client's socket is full, and a client that goes away aborts the upstream request at once.
 * Never throws; resolves with how it ended.
 */
export function forwardToClient(options: ForwardOptions): Promise<ForwardOutcome> {
  const { res } = options;
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    let statusCode = 0;
    let rewriter: BodyRewriter | undefined;
    let settled = false;
    const settle = (outcome: ForwardOutcome) => {
      if (settled) return;
      settled = true;
      res.off('close', onClientClose);
      resolve(outcome);
    };
    const onClientClose = () => {
      if (res.writableFinished) return;
      controller?.abort(new ClientGoneError());
      settle({ kind: 'aborted', statusCode });
    };
    res.once('close', onClientClose);

    options.dispatcher.dispatch(options.request, {
      onRequestStart(started) {
        controller = started;
        if (res.destroyed) started.abort(new ClientGoneError());
      },
      onResponseStart(current, status, headers) {
        statusCode = status;
        if (options.holdBack?.(status, headers)) {
          // Settled first: the abort reports itself through `onResponseError` at once.
          settle({ kind: 'held', statusCode, headers });
          return current.abort(new HeldBackError());
        }
        rewriter = options.rewriteBody?.(status);
        res.writeHead(status, options.responseHeaders(status, headers));
      },
      onResponseData(current, chunk) {
        const more = res.write(rewriter ? rewriter.write(chunk) : chunk);
        options.onChunk?.(chunk);
        if (!more) {
          current.pause();
          res.once('drain', () => current.resume());
        }
      },
      onResponseEnd() {
        res.end(rewriter?.end());
        settle({ kind: 'ok', statusCode });
      },
      onResponseError(_controller, error) {
        if (error instanceof ClientGoneError) return settle({ kind: 'aborted', statusCode });
        const headersSent = res.headersSent;
        // Mid-answer, the only honest signal left is to cut the client's stream too.
        if (headersSent) res.destroy();
        settle({ kind: 'error', statusCode, error, headersSent });
      },
    });
  });
}
