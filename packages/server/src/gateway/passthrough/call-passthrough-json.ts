import type { TokenUsage } from '@switchboard/core';
import { UpstreamError } from '../../errors/upstream-error.js';
import type { OpenAiPaths } from '../../providers/provider-kind.js';
import { readBoundedText } from '../../providers/shared/read-bounded-body.js';
import { asObject } from '../../util/as-object.js';
import type { CallTarget } from '../call-target.js';
import { passOnHeaders } from '../surfaces/shared/pass-on-headers.js';
import { requestOpenAiUpstream } from './request-openai-upstream.js';

/**
 * A whole (non-streamed) OpenAI-format call passed through: the upstream's JSON answer with `model` set
 * to the Switchboard model ID, and the usage its kind's reader finds in it. An answer that is not a JSON
 * object is the provider's fault (502), never half passed on.
 */
export async function callPassthroughJson(
  target: CallTarget,
  endpoint: keyof OpenAiPaths,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<{
  value: Record<string, unknown>;
  usage: TokenUsage | undefined;
  headers: Record<string, string>;
}> {
  const response = await requestOpenAiUpstream(target, endpoint, body, signal);
  // Read whole to set `model`, so bounded; and scrubbed, as a key an upstream repeats back stays here.
  const text = target.redactor.redact(
    await readBoundedText(target.runtime, response.body, {
      declaredLength: response.headers['content-length'],
    }),
  );
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
