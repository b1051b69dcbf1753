import type { ConfigIssue } from '../errors/config-error.js';
import { providerOf } from '../model-id.js';
import { convertV1Server } from './convert-v1-server.js';

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
const CARRIED_SECTIONS = ['storage'] as const;
/** Top-level sections converted by `convertV1Server`. */
const SERVER_SECTIONS = ['server', 'auth'] as const;

/** What each v1 value of `chat_primary` / `chat_backup` / `sql_primary` may be. */
const V1_ALIASES = ['openai', 'llama3', 'sqlcoder', 'ollama'] as const;
const V1_MODELS_KEYS = [...V1_MODEL_KEYS, 'openai', 'ollama', 'embeddings'];
const V1_OPENAI_KEYS = ['model', 'api_key', 'endpoint', 'base_url'];
const V1_OLLAMA_KEYS = ['host', 'llama3_model', 'sqlcoder_model'];
const V1_EMBEDDINGS_KEYS = ['provider', 'model'];

const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const DEFAULT_LLAMA3_MODEL = 'llama3';
const DEFAULT_SQLCODER_MODEL = 'sqlcoder';

export interface V1Conversion {
  /** The v2 object, `${VAR}` references untouched. */
  config: Record<string, unknown>;
  /** One line per conversion, `old path -> new path: value`. */
  converted: string[];
  /** Keys and sections that were dropped, and why. */
  warnings: string[];
  /** What could not be converted, at its path in the version 1 file; the v2 object leaves it out. */
  problems: ConfigIssue[];
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

/** Converts a version 1 object into version 2. What cannot be converted is listed in `problems`. */
export function convertV1Config(raw: Plain): V1Conversion {
  const converted: string[] = [];
  const warnings: string[] = [];
  const problems: ConfigIssue[] = [];
  const oldModels = isPlain(raw.models) ? raw.models : {};
  const oldOpenai = isPlain(oldModels.openai) ? oldModels.openai : undefined;
  const oldOllama = isPlain(oldModels.ollama) ? oldModels.ollama : undefined;
  const oldEmbeddings = isPlain(oldModels.embeddings) ? oldModels.embeddings : undefined;

  const openaiModel = text(oldOpenai?.model, DEFAULT_OPENAI_MODEL);
  const llama3Model = withTag(text(oldOllama?.llama3_model, DEFAULT_LLAMA3_MODEL));
  const sqlcoderModel = withTag(text(oldOllama?.sqlcoder_model, DEFAULT_SQLCODER_MODEL));
  // The Go service also took a provider's name: "ollama" meant its model for that job.
  const aliasIds = (capability: string): Record<string, string> => ({
    openai: `openai:${openaiModel}`,
    llama3: `ollama:${llama3Model}`,
    sqlcoder: `ollama:${sqlcoderModel}`,
    ollama: capability === 'sql' ? `ollama:${sqlcoderModel}` : `ollama:${llama3Model}`,
  });

  const registries: Record<string, Record<string, { id: string; capabilities: string[] }>> = {
    openai: {},
    ollama: {},
  };
  const register = (provider: string, name: string, capability: string) => {
    const registry = registries[provider];
    if (!registry) return;
    registry[name] ??= { id: `${provider}:${name}`, capabilities: [] };
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
    const id = aliasIds(capability)[alias];
    if (!id) {
      problems.push({
        path: `models.${key}`,
        segments: ['models', key],
        message: `cannot convert ${JSON.stringify(value)}: expected one of ${V1_ALIASES.join(', ')} (the version 1 names); write the v2 file's models.defaults by hand for anything else`,
      });
      return undefined;
    }
    const provider = providerOf(id);
    register(provider, id.slice(provider.length + 1), capability);
    usedProviders.add(provider);
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
    if (provider !== 'openai' && provider !== 'ollama') {
      problems.push({
        path: 'models.embeddings.provider',
        segments: ['models', 'embeddings', 'provider'],
        message: `cannot convert ${JSON.stringify(oldEmbeddings.provider)}: expected openai or ollama (the version 1 providers)`,
      });
    } else {
      const rawModel = text(
        oldEmbeddings.model,
        provider === 'ollama' ? 'nomic-embed-text' : 'text-embedding-3-small',
      );
      const model = provider === 'ollama' ? withTag(rawModel) : rawModel;
      const id = `${provider}:${model}`;
      defaults.embeddings = id;
      register(provider, model, 'embeddings');
      usedProviders.add(provider);
      converted.push(
        `models.embeddings: {provider: ${provider}, model: ${rawModel}} -> models.defaults.embeddings: ${id}`,
      );
    }
  }

  const warnUnknown = (section: Plain | undefined, known: string[], at: string) => {
    for (const key of Object.keys(section ?? {})) {
      if (!known.includes(key)) warnings.push(`${at}.${key} is not a version 1 key and was dropped`);
    }
  };
  warnUnknown(oldModels, V1_MODELS_KEYS, 'models');
  warnUnknown(oldOpenai, V1_OPENAI_KEYS, 'models.openai');
  warnUnknown(oldOllama, V1_OLLAMA_KEYS, 'models.ollama');
  warnUnknown(oldEmbeddings, V1_EMBEDDINGS_KEYS, 'models.embeddings');

  const models: Plain = { defaults };
  if (oldOpenai || usedProviders.has('openai')) {
    const section: Plain = {};
    if (oldOpenai?.api_key !== undefined) section.api_key = oldOpenai.api_key;
    const endpoint = oldOpenai?.endpoint ?? oldOpenai?.base_url;
    if (endpoint !== undefined) section.endpoint = endpoint;
    if (oldOpenai?.base_url !== undefined) {
      converted.push(`models.openai.base_url -> models.openai.endpoint: ${String(oldOpenai.base_url)}`);
    }
    if (Object.keys(registries.openai!).length) section.registry = registries.openai;
    if (oldOpenai?.model !== undefined) {
      converted.push(`models.openai.model: ${openaiModel} -> models.openai.registry.${openaiModel}`);
    }
    models.openai = section;
  }
  if (oldOllama || usedProviders.has('ollama')) {
    const section: Plain = {};
    if (oldOllama?.host !== undefined) section.host = oldOllama.host;
    if (Object.keys(registries.ollama!).length) section.registry = registries.ollama;
    for (const key of ['llama3_model', 'sqlcoder_model'] as const) {
      if (oldOllama?.[key] !== undefined) {
        const name = key === 'llama3_model' ? llama3Model : sqlcoderModel;
        converted.push(`models.ollama.${key}: ${oldOllama[key]} -> models.ollama.registry["${name}"]`);
      }
    }
    models.ollama = section;
  }

  const serverPart = convertV1Server(raw);
  converted.push(...serverPart.converted);
  warnings.push(...serverPart.warnings);
  problems.push(...serverPart.problems);

  const config: Plain = { version: 2 };
  if (serverPart.server) config.server = serverPart.server;
  for (const section of CARRIED_SECTIONS) {
    if (raw[section] !== undefined) config[section] = raw[section];
  }
  if (serverPart.auth) config.auth = serverPart.auth;
  config.models = models;
  if (Object.keys(tasks).length) config.tasks = tasks;
  const known: readonly string[] = ['models', 'version', ...CARRIED_SECTIONS, ...SERVER_SECTIONS];
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      warnings.push(`"${key}" belongs to the old application, not to Switchboard, and was ignored`);
    }
  }
  return { config, converted, warnings, problems };
}
