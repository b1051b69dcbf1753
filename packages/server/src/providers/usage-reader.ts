import type { TokenUsage } from '@switchboard/core';

/**
 * Reads the token usage a provider reports in one answer, one JSON document at a time, in the order they
 * arrive: a whole JSON body, one server-sent event's data, or one NDJSON line. Providers spread usage over
 * several documents (Anthropic: input in `message_start`, output in `message_delta`) or repeat a running
 * total (Gemini), so each kind keeps its own state here; cutting a stream into documents is done once, in
 * `proxy/`.
 */
export interface UsageReader {
  /**
   * Substrings one of which every document that holds usage contains (`"usage"`), so the many documents
   * that cannot hold any (a stream's deltas) are skipped without being parsed. Absent: every one is read.
   */
  readonly markers?: readonly string[];
  /** Takes one parsed document; ignores anything that is not a shape it knows. */
  read(document: unknown): void;
  /** The usage the answer reported so far; undefined when it reported none. */
  result(): TokenUsage | undefined;
}
