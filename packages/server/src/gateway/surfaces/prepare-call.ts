import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FilePart,
  LanguageModelV3Prompt,
} from '@ai-sdk/provider';
import { refuseField } from '../../errors/refuse-field.js';
import type { CallTarget } from '../call-target.js';
import { fetchRemoteFile } from './shared/fetch-remote-file.js';
import type { SurfaceCall } from './surface-call.js';

/** Whether the model takes this URL as a URL (the AI SDK's `supportedUrls` rule: media type prefix, then pattern). */
function takesUrl(supported: Record<string, RegExp[]>, mediaType: string, url: string): boolean {
  const type = mediaType.toLowerCase();
  const lowered = url.toLowerCase();
  return Object.entries(supported).some(([key, patterns]) => {
    const prefix = key === '*' || key === '*/*' ? '' : key.toLowerCase().replace(/\*/, '');
    const matches =
      prefix === '' ||
      (prefix.endsWith('/') ? type.startsWith(prefix) || type === `${prefix}*` : type === prefix);
    return matches && patterns.some((pattern) => pattern.test(lowered));
  });
}

/**
 * File parts with a URL the model does not take as a URL, fetched by the gateway (within its limits, never
 * from a private address) and inlined; the AI SDK would otherwise download them with no limit at all.
 */
async function inlineUrls(
  prompt: LanguageModelV3Prompt,
  supported: Record<string, RegExp[]>,
  signal: AbortSignal,
) {
  const fetches: Array<Promise<void>> = [];
  const out = prompt.map((message) => {
    if (message.role === 'system') return message;
    const content = message.content.map((part) => {
      if (
        part.type !== 'file' ||
        !(part.data instanceof URL) ||
        takesUrl(supported, part.mediaType, part.data.href)
      )
        return part;
      const copy: LanguageModelV3FilePart = { ...part };
      fetches.push(
        fetchRemoteFile(part.data, { signal }).then((file) => {
          copy.data = file.data;
          if (part.mediaType.endsWith('/*')) copy.mediaType = file.mediaType;
        }),
      );
      return copy;
    });
    return { ...message, content } as typeof message;
  });
  await Promise.all(fetches);
  return out;
}

/** The kind's AI SDK language model, at the provider interface the gateway speaks (`doStream` / `doGenerate`). */
export async function languageModelOf(target: CallTarget): Promise<LanguageModelV3> {
  const model = await target.kind.languageModel(target.runtime, target.name);
  if (typeof model === 'string' || model.specificationVersion !== 'v3') {
    throw new TypeError(`provider kind ${target.kind.kind} did not build an AI SDK v3 language model`);
  }
  return model as LanguageModelV3;
}

/**
 * The internal call for one candidate: the decoded options, the request's controls in the kind's provider
 * options (a control the kind cannot express is a 400 naming the field), URLs the model does not take
 * fetched and inlined, and the abort signal.
 */
export async function prepareCall(
  target: CallTarget,
  model: LanguageModelV3,
  call: SurfaceCall,
  signal: AbortSignal,
): Promise<LanguageModelV3CallOptions> {
  const { controls } = call;
  const hasControls = controls.reasoning !== undefined || controls.parallelToolCalls !== undefined;
  const needsAdapter =
    hasControls || (call.options.responseFormat?.type === 'json' && !call.options.responseFormat.schema);
  if (hasControls && !target.kind.adaptCall) {
    const field = controls.reasoning?.field ?? controls.parallelToolCalls?.field ?? 'reasoning';
    throw refuseField(field, `has no equivalent for provider kind ${target.kind.kind}: leave it out.`);
  }
  const adapted =
    needsAdapter && target.kind.adaptCall
      ? target.kind.adaptCall(call.options, controls, target.runtime)
      : {};
  const supported = await model.supportedUrls;
  return {
    ...call.options,
    ...adapted,
    prompt: await inlineUrls(call.options.prompt, supported, signal),
    abortSignal: signal,
  };
}
