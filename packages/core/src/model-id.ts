import { InvalidModelIdError } from './errors/invalid-model-id-error.js';

/** Provider names: lower-case, start with a letter, then letters, digits, `_` or `-`. */
export const PROVIDER_NAME_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** A parsed `<provider>:<name>` model ID. */
export interface ModelRef {
  /** The whole ID, exactly as formatted by `formatModelId`. */
  id: string;
  provider: string;
  /** Everything after the first colon; may itself hold `:` and `/` (`llama3:latest`, `anthropic/claude-sonnet-4.5`). */
  name: string;
}

/** What is wrong with `id` as a model ID, with how to fix it; undefined when it is one. */
function problemOf(id: unknown): string | undefined {
  if (typeof id !== 'string') return 'expected a string like "openai:gpt-4o-mini"';
  if (id.trim() !== id) return 'remove the surrounding whitespace';
  const colon = id.indexOf(':');
  if (colon === -1) return 'expected "<provider>:<model>", e.g. "openai:gpt-4o-mini" (no colon found)';
  const provider = id.slice(0, colon);
  const name = id.slice(colon + 1);
  if (provider === '') return 'the provider before the colon is empty';
  if (!PROVIDER_NAME_PATTERN.test(provider)) {
    return `provider "${provider}" must match ${PROVIDER_NAME_PATTERN.source} (lower-case letters, digits, "_" or "-")`;
  }
  if (name === '') return 'the model name after the colon is empty';
  if (name.trim() !== name) return 'the model name has surrounding whitespace';
  return undefined;
}

/** The parts of an ID `problemOf` passed. */
function split(id: string): ModelRef {
  const colon = id.indexOf(':');
  return { id, provider: id.slice(0, colon), name: id.slice(colon + 1) };
}

/**
 * Splits a model ID at its FIRST colon: `ollama:llama3:latest` is provider `ollama`, name `llama3:latest`.
 * Throws `InvalidModelIdError` saying which part is wrong; never trims silently, because an ID with stray
 * whitespace would be stored and compared as a different model.
 */
export function parseModelId(id: unknown): ModelRef {
  const problem = problemOf(id);
  if (problem !== undefined) throw new InvalidModelIdError(id, problem);
  return split(id as string);
}

/**
 * `parseModelId` for text that may well not be an ID (a bare model name an SDK sent): undefined instead of
 * an error, since building one (its stack) cost every such request microseconds on the hot path.
 */
export function tryParseModelId(id: unknown): ModelRef | undefined {
  return problemOf(id) === undefined ? split(id as string) : undefined;
}

/**
 * The provider of a model ID that is known to be well-formed (it came from the registry or a resolution):
 * everything before the first colon, without the checks of `parseModelId`. A string with no colon is all
 * provider. Use `parseModelId` for anything a caller sent.
 */
export function providerOf(id: string): string {
  const colon = id.indexOf(':');
  return colon === -1 ? id : id.slice(0, colon);
}

/** Joins a provider and a model name into an ID; validates both, so the result always parses back. */
export function formatModelId(ref: { provider: string; name: string }): string {
  const id = `${ref.provider}:${ref.name}`;
  const parsed = parseModelId(id);
  if (parsed.provider !== ref.provider)
    throw new InvalidModelIdError(id, 'the provider name may not contain ":"');
  return id;
}

/** True when `id` parses as a model ID. */
export function isModelId(id: unknown): id is string {
  return problemOf(id) === undefined;
}
