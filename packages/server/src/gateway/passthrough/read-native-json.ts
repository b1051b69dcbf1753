import type { TokenUsage } from '@switchboard/core';
import type { Dispatcher } from 'undici';
import { UpstreamError } from '../../errors/upstream-error.js';
import { asObject } from '../../util/as-object.js';
import type { CallTarget } from '../call-target.js';
import { passOnHeaders } from '../surfaces/shared/pass-on-headers.js';

/**
 * A whole answer passed through from a kind that speaks the client's format: the upstream's JSON with
 * `model` set to the Switchboard model ID, the usage its kind's reader finds in it, and the rate-limit
 * headers to pass on. An answer that is not a JSON object is the provider's fault (502).
 */
export async function readNativeJson(
  target: CallTarget,
  response: Dispatcher.ResponseData,
): Promise<{
  value: Record<string, unknown>;
  usage: TokenUsage | undefined;
  headers: Record<string, string>;
}> {
  const text = await response.body.text();
  let answer: Record<string, unknown> | undefined;
  try {
    answer = asObject(JSON.parse(text));
  } catch {}
  if (!answer) {
    throw new UpstreamError(
      'upstream_error',
      target.provider,
      response.statusCode,
      'the answer is not a JSON object',
    );
  }
  const reader = target.kind.createUsageReader();
  reader.read(answer);
  return {
    value: { ...answer, model: target.model },
    usage: reader.result(),
    headers: passOnHeaders(response.headers),
  };
}
