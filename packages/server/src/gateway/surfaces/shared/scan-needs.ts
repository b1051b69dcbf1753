import type { CallNeed } from '../surface-call.js';

/** Content part types that carry an image, in each surface's words. */
const IMAGE_PART = /"type":"(image_url|input_image|image)"/;

/**
 * What a request needs of a model, read from its body before any decoding (a kind that speaks the
 * surface's format gets the body as sent, so the needs cannot come from the translation): tools offered,
 * images sent, JSON asked for.
 */
export function scanNeeds(request: { tools: unknown; json: boolean; content: unknown }): CallNeed[] {
  const needs: CallNeed[] = [];
  if (Array.isArray(request.tools) && request.tools.length > 0) needs.push('tools');
  if (IMAGE_PART.test(JSON.stringify(request.content ?? null))) needs.push('vision');
  if (request.json) needs.push('json');
  return needs;
}
