import type {
  CallControls,
  ReasoningEffort,
  ReasoningRequest,
  SurfaceCallOptions,
} from '../../providers/call-adapter.js';

export type { CallControls, ReasoningEffort, ReasoningRequest, SurfaceCallOptions };

/** What a request needs of the model that serves it: candidates whose facts lack it are skipped. */
export type CallNeed = 'tools' | 'vision' | 'json';

/**
 * One request of any surface (Chat Completions, Responses, Messages) as the one internal call: the AI
 * SDK's `LanguageModelV3CallOptions`, the controls the kind maps to its own options, what the request
 * needs of a model, and whether the client asked for a stream.
 */
export interface SurfaceCall {
  options: SurfaceCallOptions;
  controls: CallControls;
  needs: readonly CallNeed[];
  stream: boolean;
}

/** The needs a prompt and its settings imply: tools offered, images sent, JSON asked for. */
export function needsOf(options: SurfaceCallOptions): CallNeed[] {
  const needs: CallNeed[] = [];
  if (options.tools?.length) needs.push('tools');
  const hasImage = options.prompt.some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some((part) => part.type === 'file' && part.mediaType.startsWith('image/')),
  );
  if (hasImage) needs.push('vision');
  if (options.responseFormat?.type === 'json') needs.push('json');
  return needs;
}
