import { providerOf } from '../model-id.js';

/**
 * Version 1 files come from the Go service this replaces. Their `models:` section named three fixed
 * aliases (`openai`, `llama3`, `sqlcoder`) as `chat_primary` / `chat_backup` / `sql_primary`, with the
 * concrete models under `openai.model` and `ollama.{llama3_model, sqlcoder_model}`, and embeddings under
 * `embeddings.{provider, model}`. Converting them yields a v2 object and a list of what changed, so the
 * loader can say what it did and `config migrate` can print the result.
 */

/** Keys that only a version 1 `models:` section has. */
export const V1_MODEL_KEYS = ['chat_primary', 'chat_backup', 'sql_primary'] as const;

/** Top-level sections of v1 files that carry over to v2 unchanged. */
const CARRIED_SECTIONS = ['server', 'storage', 'auth'] as const;

const V1_ALIASES = ['openai', 'llama3', 'sqlcoder'] as const;
type V1Alias = (typeof V1_ALIASES)[number];

const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const DEFAULT_LLAMA3_MODEL = 'llama3';
const DEFAULT_SQLCODER_MODEL = 'sqlcoder';

export interface V1Conversion {
  /** The v2 object, `${VAR}` references untouched. */
  config: Record<string, unknown>;
  /** One line per conversion, `old path -> new path: value`. */
  converted: string[];
  /** Sections that were dropped. */
  warnings: string[];
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `raw` is a version 1 file: `version: 1`, or a `models:` section with v1 keys and no v2 ones. */
export function isV1Config(raw: unknown): boolean {
  if (!isPlain(raw)) return false;
  if (raw.version === 1) return true;
  if (raw.version !== undefined) return false;
  const models = raw.models;
  if (!isPlain(models) || 'defaults' in models) return false;
  const hasV1Key = V1_MODEL_KEYS.some((key) => key in models);
  const hasV1Sub =
    (isPlain(models.openai) && 'model' in models.openai) ||
    (isPlain(models.ollama) && ('llama3_model' in models.ollama || 'sqlcoder_model' in models.ollama)) ||
    (isPlain(models.embeddings) && 'provider' in models.embeddings);
  return hasV1Key || hasV1Sub;
}

/** Ollama tags are optional in v1: `llama3` means `llama3:latest`. */
function withTag(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** Converts a version 1 object into version 2. Unknown aliases and shapes are left for v2 validation to report. */
export function convertV1Config(raw: Plain): V1Conversion {
  const converted: string[] = [];
  const warnings: string[] = [];
  const oldModels = isPlain(raw.models) ? raw.models : {};
  const oldOpenai = isPlain(oldModels.openai) ? oldModels.openai : undefined;
  const oldOllama = isPlain(oldModels.ollama) ? oldModels.ollama : undefined;
  const oldEmbeddings = isPlain(oldModels.embeddings) ? oldModels.embeddings : undefined;

  const openaiModel = text(oldOpenai?.model, DEFAULT_OPENAI_MODEL);
  const llama3Model = withTag(text(oldOllama?.llama3_model, DEFAULT_LLAMA3_MODEL));
  const sqlcoderModel = withTag(text(oldOllama?.sqlcoder_model, DEFAULT_SQLCODER_MODEL));
  const aliasIds: Record<V1Alias, string> = {
    openai: `openai:${openaiModel}`,
    llama3: `ollama:${llama3Model}`,
    sqlcoder: `ollama:${sqlcoderModel}`,
  };

  const registries: Record<'openai' | 'ollama', Record<string, { id: string; capabilities: string[] }>> = {
    openai: {},
    ollama: {},
  };
  const register = (id: string, capability: string) => {
    const provider = providerOf(id) as 'openai' | 'ollama';
    const name = id.slice(provider.length + 1);
    const registry = registries[provider];
    if (!registry) return;
    registry[name] ??= { id, capabilities: [] };
    const entry = registry[name];
    if (!entry.capabilities.includes(capability)) entry.capabilities.push(capability);
  };
  const usedProviders = new Set<string>();

  const defaults: Record<string, string> = {};
  const tasks: Record<string, unknown> = {};
  const mapAlias = (key: string, capability: string): string | undefined => {
    const value = oldModels[key];
    if (value === undefined) return undefined;
    const alias = typeof value === 'string' ? value.trim() : '';
    const id = (aliasIds as Record<string, string | undefined>)[alias];
    if (!id) {
      // Keep what the file said, so v2 validation reports it at its new path.
      converted.push(`models.${key}: ${JSON.stringify(value)} is not one of ${V1_ALIASES.join(', ')}`);
      return typeof value === 'string' ? value : String(value);
    }
    register(id, capability);
    usedProviders.add(providerOf(id));
    return id;
  };

  const chat = mapAlias('chat_primary', 'chat');
  if (chat) {
    defaults.chat = chat;
    converted.push(`models.chat_primary: ${oldModels.chat_primary} -> models.defaults.chat: ${chat}`);
  }
  const sql = mapAlias('sql_primary', 'sql');
  if (sql) {
    defaults.sql = sql;
    converted.push(`models.sql_primary: ${oldModels.sql_primary} -> models.defaults.sql: ${sql}`);
  }
  const backup = mapAlias('chat_backup', 'chat');
  if (backup) {
    tasks.chat = { fallbacks: [backup] };
    converted.push(`models.chat_backup: ${oldModels.chat_backup} -> tasks.chat.fallbacks: [${backup}]`);
  }
  if (oldEmbeddings) {
    const provider = text(oldEmbeddings.provider, 'openai');
    const rawModel = text(
      oldEmbeddings.model,
      provider === 'ollama' ? 'nomic-embed-text' : 'text-embedding-3-small',
    );
    const model = provider === 'ollama' ? withTag(rawModel) : rawModel;
    const id = `${provider}:${model}`;
    defaults.embeddings = id;
    register(id, 'embeddings');
    usedProviders.add(provider);
    converted.push(
      `models.embeddings: {provider: ${provider}, model: ${rawModel}} -> models.defaults.embeddings: ${id}`,
    );
  }

  const models: Plain = { defaults };
  if (oldOpenai || usedProviders.has('openai')) {
    const section: Plain = {};
    if (oldOpenai?.api_key !== undefined) section.api_key = oldOpenai.api_key;
    if (oldOpenai?.endpoint !== undefined) section.endpoint = oldOpenai.endpoint;
    if (Object.keys(registries.openai).length) section.registry = registries.openai;
    if (oldOpenai?.model !== undefined) {
      converted.push(`models.openai.model: ${openaiModel} -> models.openai.registry.${openaiModel}`);
    }
    models.openai = section;
  }
  if (oldOllama || usedProviders.has('ollama')) {
    const section: Plain = {};
    if (oldOllama?.host !== undefined) section.host = oldOllama.host;
    if (Object.keys(registries.ollama).length) section.registry = registries.ollama;
    for (const key of ['llama3_model', 'sqlcoder_model'] as const) {
      if (oldOllama?.[key] !== undefined) {
        const name = key === 'llama3_model' ? llama3Model : sqlcoderModel;
        converted.push(`models.ollama.${key}: ${oldOllama[key]} -> models.ollama.registry["${name}"]`);
      }
    }
    models.ollama = section;
  }

  for (const key of Object.keys(oldModels)) {
    if (!['chat_primary', 'chat_backup', 'sql_primary', 'openai', 'ollama', 'embeddings'].includes(key)) {
      warnings.push(`models.${key} is not a version 1 key and was ignored`);
    }
  }

  const config: Plain = { version: 2 };
  for (const section of CARRIED_SECTIONS) {
    if (raw[section] !== undefined) config[section] = raw[section];
  }
  config.models = models;
  if (Object.keys(tasks).length) config.tasks = tasks;
  for (const key of Object.keys(raw)) {
    if (key !== 'models' && key !== 'version' && !(CARRIED_SECTIONS as readonly string[]).includes(key)) {
      warnings.push(`"${key}" belongs to the old application, not to Switchboard, and was ignored`);
    }
  }
  return { config, converted, warnings };
}
