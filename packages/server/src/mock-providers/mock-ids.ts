/**
 * Ids the mock gives tool calls, items and reasoning, in each provider's own format, derived from the
 * request's sequence number so they are stable for a given request order and look like the real ones.
 */
import { createHash } from 'node:crypto';

/** `<prefix><length hex chars of sha256("<prefix><seq>:<n>")>`, e.g. `mockId("call_", 3, 0, 24)`. */
export function mockId(prefix: string, seq: number, n: number, length: number): string {
  return prefix + createHash('sha256').update(`${prefix}${seq}:${n}`).digest('hex').slice(0, length);
}

/** An OpenAI Chat Completions (and Responses `call_id`) tool-call id: `call_` and 24 hex characters. */
export function openAiCallId(seq: number, n: number): string {
  return mockId('call_', seq, n, 24);
}

/** An Anthropic `tool_use` id: `toolu_01` and 22 hex characters. */
export function anthropicToolUseId(seq: number, n: number): string {
  return mockId('toolu_01', seq, n, 22);
}
