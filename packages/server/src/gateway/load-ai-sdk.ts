/**
 * The AI SDK (`ai`), imported on the first call that uses it rather than when the server starts: it and
 * what it pulls in (`@ai-sdk/gateway`, its own `provider-utils`) are a tenth of a start's CPU time, and a
 * gateway that only proxies never needs them. Node keeps the module once loaded, so later calls wait on
 * nothing.
 */
export function loadAiSdk(): Promise<typeof import('ai')> {
  return import('ai');
}
