import type { ServerResponse } from 'node:http';
import {
  configuredProviderNames,
  DEFAULT_BODY_LIMIT_BYTES,
  ProviderUnconfiguredError,
  type TokenUsage,
  UnknownProviderError,
  unconfiguredReason,
} from '@switchboard/core';
import type { FastifyPluginAsync } from 'fastify';
import type { Dispatcher } from 'undici';
import { BodyTooLargeError } from '../../errors/body-too-large-error.js';
import { toErrorBody } from '../../errors/to-error-body.js';
import { UpstreamUnconfiguredError } from '../../errors/upstream-unconfigured-error.js';
import { admitProxyCall, proxyNeedsModel } from '../../gateway/admit-proxy-call.js';
import { codeForUpstreamStatus } from '../../gateway/map-call-error.js';
import { recordUsage } from '../../gateway/record-usage.js';
import { NOT_LIMITED } from '../../limits/limit-service.js';
import { PROVIDER_KIND_MODULES } from '../../providers/index.js';
import { type BodyTap, createBodyTap } from '../../proxy/create-body-tap.js';
import { createUsageTap } from '../../proxy/create-usage-tap.js';
import { forwardRequestHeaders, forwardResponseHeaders } from '../../proxy/forward-headers.js';
import { limitBody } from '../../proxy/limit-body.js';
import { mapUpstreamError } from '../../proxy/map-upstream-error.js';
import { readTopLevelString } from '../../proxy/read-top-level-string.js';
import {
  BodyAbortedError,
  readWholeBody,
  WHOLE_BODY_MAX_BYTES,
  type WholeBody,
} from '../../proxy/read-whole-body.js';
import { resolveProxyPath } from '../../proxy/resolve-proxy-path.js';
import { createStreamRedactor } from '../../security/create-stream-redactor.js';
import type { KeyRedactor } from '../../security/key-redactor.js';
import { proxyOperationOf } from '../../telemetry/proxy-operation-of.js';
import { forwardWithKey } from './forward-with-key.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const PREFIX = '/api/ai/';
/** What the proxy forwards: JSON (`application/json`, `application/*+json`) and multipart uploads. */
const PROXY_CONTENT_TYPES = [/^application\/([\w.-]+\+)?json(\s*;|$)/i, /^multipart\/form-data(\s*;|$)/i];

function writeError(res: ServerResponse, error: unknown, requestId: string, redactor: KeyRedactor): void {
  const { status, body, headers } = toErrorBody(error, requestId);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = redactor.redact(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
    ...headers,
    // The rest of an over-limit body is never read: the connection cannot carry another request.
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/**
 * `ANY /api/ai/:provider/*`: the transparent proxy. The caller's auth was checked by the auth plugin; here
 * the path is checked against the kind's allow-list, the caller's credentials are dropped and the
 * provider's key put on, and the request and answer bodies flow through as streams, chunk by chunk, never
 * buffered. A client that goes away aborts the upstream request.
 *
 * Every call writes a usage event (endpoint `proxy`): taps watch both bodies go by without holding a chunk
 * back. The request's tap keeps its first megabyte to read the `model` from; the answer's feeds the kind's
 * usage reader event by event (or the whole JSON body at its end).
 */
export const proxyRoutes: FastifyPluginAsync<{ bodyLimit?: number }> = async (app, options) => {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES;
  // Bodies are forwarded as they arrive, so nothing here may read them: they pass unparsed. Only the types
  // SDKs send are accepted (JSON; multipart for audio and image uploads): a `text/plain` or form body, or
  // one with no type, is what a foreign page can send without a preflight, and answers 415.
  app.removeAllContentTypeParsers();
  for (const type of PROXY_CONTENT_TYPES) {
    app.addContentTypeParser(type, (_request, _payload, done) => done(null));
  }

  app.route<{ Params: { provider: string } }>({
    method: [...METHODS],
    url: '/api/ai/:provider/*',
    schema: {
      tags: ['proxy'],
      summary: "Transparent proxy to a provider's own API (keys stay on the server)",
    },
    handler: async (request, reply) => {
      const name = request.params.provider;
      const runtime = app.providers.runtime(name);
      if (!runtime)
        throw new UnknownProviderError(
          name,
          configuredProviderNames(app.registryState.current.providers.values()),
        );
      // A user's own key makes a provider without a shared key callable for them.
      if (!runtime.info.configured && !app.providerKeys.userLease(name, request.principal.userId)) {
        // Where users bring their own key, the caller lacks one (a 400 saying how), not the server.
        if (runtime.info.user_keys) {
          throw new ProviderUnconfiguredError(
            name,
            unconfiguredReason(runtime.info),
            configuredProviderNames(app.registryState.current.providers.values()),
          );
        }
        throw new UpstreamUnconfiguredError(name, runtime.info.unconfigured_reason ?? 'it is not configured');
      }
      const kind = PROVIDER_KIND_MODULES[runtime.info.kind];
      const rawUrl = request.raw.url ?? '';
      const prefix = `${PREFIX}${name}/`;
      const target = resolveProxyPath(
        runtime,
        kind,
        request.method,
        rawUrl.startsWith(prefix) ? rawUrl.slice(prefix.length) : '\\',
      );

      const declared = request.headers['content-length'];
      if (declared !== undefined && Number(declared) > bodyLimit) throw new BodyTooLargeError(bodyLimit);
      const chunked = declared === undefined && request.headers['transfer-encoding'] !== undefined;
      const hasBody = (declared !== undefined && declared !== '0') || chunked;
      let body: BodyTap | WholeBody | undefined;
      let upstreamBody: BodyTap | Buffer | undefined;
      if (hasBody && !chunked && Number(declared) <= WHOLE_BODY_MAX_BYTES) {
        try {
          body = await readWholeBody(request.raw, Number(declared));
        } catch (error) {
          // The client left mid-upload: nothing was sent upstream and nobody is there to answer.
          if (!(error instanceof BodyAbortedError)) throw error;
          reply.hijack();
          return;
        }
        upstreamBody = body.bytes;
      } else if (hasBody) {
        // A limit that depends on the model needs the body's head before the call: let the tap hold it.
        const tap = createBodyTap(undefined, proxyNeedsModel(app, request, name));
        const source = chunked ? request.raw.pipe(limitBody(bodyLimit)) : request.raw;
        // `pipe` does not pass errors on; the limit's must reach the upstream request, which reads the tap.
        if (chunked) source.once('error', (error) => tap.destroy(error));
        source.pipe(tap);
        body = upstreamBody = tap;
      }
      // With no limits in force this is one length check: no promise, no I/O on the hot path.
      let admission = NOT_LIMITED;
      if (app.limits.matcher.rules.length > 0) {
        try {
          admission = await admitProxyCall(app, request, {
            provider: name,
            kind,
            relative: target.relative,
            body,
            declaredBytes: declared === undefined ? undefined : Number(declared),
          });
        } catch (error) {
          // Refused before forwarding: let the rest of the body drain, so the connection can be reused.
          if (body && 'resume' in body) body.resume();
          throw error;
        }
      }
      const startedAt = Date.now();
      const attempt = request.trace?.startAttempt({
        provider: name,
        operation: proxyOperationOf(target.relative),
        index: 0,
      });
      // The label of the key that served, once the call is over.
      let keyLabel: string | undefined;
      // Set on the first chunk of a streamed answer, for the time-to-first-token histogram.
      let streaming = false;
      let firstTokenMs: number | undefined;
      const record = (
        usage: TokenUsage | undefined,
        status: 'ok' | 'error' | 'aborted',
        errorCode?: string,
      ) => {
        const bodyModel = body ? readTopLevelString(body.head(), 'model') : undefined;
        const model = kind.proxyModelName ? kind.proxyModelName(target.relative, bodyModel) : bodyModel;
        recordUsage(app, {
          requestId: request.id,
          userId: request.principal.userId,
          task: null,
          endpoint: 'proxy',
          model: model ? `${name}:${model}` : null,
          provider: name,
          keyLabel,
          usage,
          startedAt,
          status,
          errorCode,
          admission,
          trace: request.trace,
          firstTokenMs,
          overheadMs: Number(overheadMs),
        });
      };

      reply.hijack();
      const res = reply.raw;
      const overheadMs = reply.elapsedTime.toFixed(2);
      let tap: ReturnType<typeof createUsageTap>;
      // An error answer may repeat the key it got (54 of 73 did in a hostile test): its body is scrubbed on
      // the way. Successful answers flow through untouched, chunk by chunk.
      const scrubs = (status: number) => status >= 400 && app.keyRedactor.size > 0;
      // The key comes from the provider's pool (or is the caller's own); a 429 or 401 is booked against it
      // and retried once on another key when the body can be sent again (`forwardWithKey`).
      const outcome = await forwardWithKey(app, {
        runtime,
        userId: request.principal.userId,
        headersFor: (keyed) => {
          const headers = forwardRequestHeaders(request.headers, keyed, kind);
          // The attempt's `traceparent` replaces the caller's: the provider's side is a child of this attempt.
          if (attempt) Object.assign(headers, attempt.headers);
          return headers;
        },
        body: upstreamBody,
        request: {
          origin: runtime.endpoint.origin,
          path: target.path,
          method: request.method as Dispatcher.HttpMethod,
        },
        res,
        responseHeaders: (status, upstreamHeaders) => {
          const contentType = upstreamHeaders['content-type'];
          tap = createUsageTap(contentType, kind.createUsageReader());
          streaming = typeof contentType === 'string' && /event-stream|ndjson/.test(contentType);
          const headers = forwardResponseHeaders(upstreamHeaders);
          if (scrubs(status)) delete headers['content-length'];
          Object.assign(headers, reply.getHeaders());
          headers['x-request-id'] = request.id;
          headers['x-switchboard-provider'] = name;
          headers['x-switchboard-overhead-ms'] = overheadMs;
          return headers;
        },
        onChunk: (chunk) => {
          if (streaming && firstTokenMs === undefined) firstTokenMs = Date.now() - startedAt;
          tap?.write(chunk);
        },
        rewriteBody: (status) => (scrubs(status) ? createStreamRedactor(app.keyRedactor) : undefined),
      });
      const usage = tap?.end();
      keyLabel = outcome.lease?.label;
      if (outcome.kind === 'aborted') return record(usage, 'aborted');
      if (outcome.kind === 'error') {
        const mapped = mapUpstreamError(outcome.error, name);
        request.log.warn(
          { provider: name, code: mapped.code },
          outcome.headersSent ? 'stream ended early' : 'upstream call failed',
        );
        app.gatewayMetrics.observeUpstreamError(name, null, mapped.code);
        record(usage, 'error', mapped.code);
        if (!outcome.headersSent) writeError(res, mapped, request.id, app.keyRedactor);
        return;
      }
      if (outcome.statusCode >= 400) {
        const code = codeForUpstreamStatus(outcome.statusCode);
        app.gatewayMetrics.observeUpstreamError(name, null, code);
        return record(usage, 'error', code);
      }
      record(usage, 'ok');
    },
  });
};
