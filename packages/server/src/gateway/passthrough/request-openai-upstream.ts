import type { Dispatcher } from 'undici';
import type { OpenAiPaths } from '../../providers/provider-kind.js';
import type { CallTarget } from '../call-target.js';
import { requestUpstream } from './request-upstream.js';

/**
 * POSTs a client's OpenAI-format body to a kind that speaks OpenAI's API (see `requestUpstream`): only
 * `model` replaced, the provider's key and headers put on, nothing of the client's headers.
 */
export async function requestOpenAiUpstream(
  target: CallTarget,
  endpoint: keyof OpenAiPaths,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const paths = target.kind.openAiPaths;
  if (!paths) throw new TypeError(`provider kind ${target.kind.kind} does not speak OpenAI's API`);
  return requestUpstream(target, paths[endpoint], body, signal);
}
