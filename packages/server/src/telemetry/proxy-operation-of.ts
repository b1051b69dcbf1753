import type { GenAiOperation } from './gen-ai-attributes.js';

/**
 * The `gen_ai.operation.name` of a proxied call, from its path under the provider: every kind names its
 * embeddings endpoint with "embed" (`/embeddings`, `:embedContent`, `/api/embed`); the rest that carry
 * usage are chats (`/chat/completions`, `/responses`, `/messages`, `:generateContent`, `/api/chat`).
 */
export function proxyOperationOf(path: string): GenAiOperation {
  return /embed/i.test(path) ? 'embeddings' : 'chat';
}
