import { APICallError } from '@ai-sdk/provider';
import type { Dispatcher } from 'undici';
import { createRedirectError } from '../../providers/shared/create-redirect-error.js';
import { createUpstreamHeaders } from '../../providers/shared/create-upstream-headers.js';
import { discardBody } from '../../providers/shared/discard-body.js';
import { readBoundedText } from '../../providers/shared/read-bounded-body.js';
import { upstreamUrl } from '../../providers/shared/upstream-url.js';
import type { CallTarget } from '../call-target.js';

/** Of an error answer, this much is read for its message (the rest is dropped); error bodies are small. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * POSTs a client's body, in the format the kind speaks itself, to `path` under the provider's endpoint:
 * only `model` replaced by the provider's own name, the provider's key and headers put on, and of the
 * client's headers only those `forward` names (Anthropic's `anthropic-version` and `anthropic-beta`). An
 * error status is thrown as the AI SDK's `APICallError` (its body read for the message), so
 * `mapCallError` and the fallbacks treat it exactly like an error of a translated call.
 */
export async function requestUpstream(
  target: CallTarget,
  path: string,
  body: Record<string, unknown>,
  signal: AbortSignal,
  forward: Readonly<Record<string, string>> = {},
): Promise<Dispatcher.ResponseData> {
  const url = upstreamUrl(target.runtime, path);
  target.attempt?.recordInput({ messages: body.messages ?? body.input });
  const response = await target.runtime.dispatcher.request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: 'POST',
    headers: createUpstreamHeaders(target.runtime, target.kind, {
      from: forward,
      set: {
        'content-type': 'application/json',
        accept: body.stream === true ? 'text/event-stream' : 'application/json',
        // Identity, so the usage can be read as the answer goes by.
        'accept-encoding': 'identity',
        ...target.attempt?.headers,
      },
    }),
    // Spreading keeps `model` where the client put it; only its value changes.
    body: JSON.stringify({ ...body, model: target.name }),
    signal,
  });
  // Never followed: the key would go to wherever the redirect points.
  if (response.statusCode >= 300 && response.statusCode < 400) {
    discardBody(response.body);
    const location = response.headers.location;
    throw createRedirectError(
      target.runtime,
      response.statusCode,
      Array.isArray(location) ? location[0] : location,
    );
  }
  if (response.statusCode < 400) return response;
  const text = await readBoundedText(target.runtime, response.body, {
    limit: MAX_ERROR_BODY_BYTES,
    truncate: true,
  }).catch(() => '');
  throw new APICallError({
    message: `HTTP ${response.statusCode}`,
    url: url.href,
    requestBodyValues: undefined,
    statusCode: response.statusCode,
    responseHeaders: flattenHeaders(response.headers),
    responseBody: text,
  });
}
