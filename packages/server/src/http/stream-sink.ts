/**
 * Where a streamed answer goes: an HTTP response as server-sent events (`openSse`) or one conversation on
 * a WebSocket. `streamTaskText` and the passthrough write to this and nothing else.
 */
export interface StreamSink {
  /** True until the client goes away (or cancels) or `end` is called. */
  readonly open: boolean;
  /** Aborted when the client goes away or cancels: pass it to the upstream call. */
  readonly signal: AbortSignal;
  /** Sends the headers (once; later calls are ignored). Nothing is sent before it, so errors can still be answered whole. */
  start(headers: Record<string, string>): void;
  /** One event: its data as JSON, and a name where the format has them (SSE's `event:`). */
  send(data: unknown, event?: string): void;
  /** One event whose data is already text (OpenAI's `[DONE]`). */
  sendRaw(data: string): void;
  end(): void;
}
