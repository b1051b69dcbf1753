import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Small, so a test can go over it without sending megabytes. */
export const E2E_BODY_LIMIT_BYTES = 4096;
/** The openai provider's key: it must never appear in an answer. */
export const E2E_OPENAI_KEY = 'sk-test-never-leaves-the-server';
/** Nothing listens here: provider probes fail at once, and no test ever reaches a real provider. */
const DEAD_ENDPOINT = 'http://127.0.0.1:1';

export type AuthMode = 'local' | 'token';

export interface E2eConfigOptions {
  storageUrl: string;
  auth: AuthMode;
  /** `auth.rate_limit.max`. */
  rateLimit?: number;
  host?: string;
  /** Leave out the `local-llm` provider, as a config edit that drops one would. */
  dropLocalLlm?: boolean;
}

/**
 * The config of the end-to-end tests: openai with a key, anthropic without (unconfigured), ollama with a chat
 * and a sql model, and an openai-compatible `local-llm`. No default for embeddings, so that task resolves to
 * nothing.
 */
export function createE2eConfig(options: E2eConfigOptions): string {
  const auth =
    options.rateLimit === undefined
      ? `{ mode: ${options.auth} }`
      : `{ mode: ${options.auth}, rate_limit: { max: ${options.rateLimit}, time_window_ms: 600000 } }`;
  const localLlm = options.dropLocalLlm
    ? ''
    : `
  local-llm:
    kind: openai-compatible
    endpoint: ${DEAD_ENDPOINT}/v1
    registry:
      "qwen2.5": { capabilities: [chat] }`;
  return `version: 2
server: { host: ${options.host ?? '127.0.0.1'}, port: 8787, body_limit_bytes: ${E2E_BODY_LIMIT_BYTES} }
storage: { url: ${JSON.stringify(options.storageUrl)} }
auth: ${auth}
models:
  defaults:
    chat: "openai:gpt-4o-mini"
    sql: "ollama:sqlcoder:7b"
  openai:
    api_key: ${E2E_OPENAI_KEY}
    endpoint: ${DEAD_ENDPOINT}/v1
    registry:
      gpt-4o-mini: { capabilities: [chat] }
  anthropic:
    endpoint: ${DEAD_ENDPOINT}/v1
  ollama:
    host: ${DEAD_ENDPOINT}
    discover: false
    registry:
      "llama3:latest": { capabilities: [chat] }
      "sqlcoder:7b": { capabilities: [sql] }${localLlm}
tasks:
  prd_generation: { default: "ollama:llama3:latest", fallbacks: ["openai:gpt-4o-mini"] }
`;
}

/** Writes the config into `folder` and answers its path. */
export async function writeE2eConfig(folder: string, options: E2eConfigOptions, name = 'switchboard.yaml') {
  const file = join(folder, name);
  await writeFile(file, createE2eConfig(options));
  return file;
}
