/**
 * What one mock instance remembers between requests: the prompt cache, the Responses items it stored,
 * the requests each kind served (for rate-limit headers) and the secret thinking blocks are signed with.
 * It hangs off the server instance, never off the module, so two mocks never share it.
 */
import type { JsonRecord } from './json-values.js';
import { MOCK_KINDS, type MockKind } from './kinds.js';
import { createPromptCache, type PromptCache } from './prompt-cache.js';
import { DEFAULT_THINKING_SECRET } from './thinking-signature.js';

/** Stored Responses items kept; the oldest are dropped so a long run stays flat. */
const STORED_ITEMS_LIMIT = 10_000;

/** The state of one mock instance. */
export interface MockState {
  readonly promptCache: PromptCache;
  readonly thinkingSecret: string;
  /** Requests each kind has answered so far, for the remaining counts of rate-limit headers. */
  readonly served: Record<MockKind, number>;
  /** Output items of stored Responses (`store` not false), by item id, for `item_reference` inputs. */
  storeItem(item: JsonRecord): void;
  findItem(id: string): JsonRecord | undefined;
}

/** Creates the state of a fresh mock. */
export function createMockState(options: { thinkingSecret?: string } = {}): MockState {
  const items = new Map<string, JsonRecord>();
  return {
    promptCache: createPromptCache(),
    thinkingSecret: options.thinkingSecret ?? DEFAULT_THINKING_SECRET,
    served: Object.fromEntries(MOCK_KINDS.map((kind) => [kind, 0])) as Record<MockKind, number>,
    storeItem(item) {
      if (typeof item.id !== 'string') return;
      items.set(item.id, item);
      if (items.size > STORED_ITEMS_LIMIT) items.delete(items.keys().next().value as string);
    },
    findItem: (id) => items.get(id),
  };
}
