import type { ProxyPathRule } from '../provider-kind.js';

/** One path segment as providers use them: model names and IDs (`gpt-4o`, `llama3:latest`, `msg_01`). */
export const SEGMENT = '[A-Za-z0-9._:~-]+';

/** A rule for `methods` on a path given as a regex source without anchors. */
export function pathRule(methods: readonly string[], source: string): ProxyPathRule {
  return { methods, pattern: new RegExp(`^${source}$`) };
}

export const GET = ['GET'] as const;
export const POST = ['POST'] as const;
export const GET_POST_DELETE = ['GET', 'POST', 'DELETE'] as const;
