import { describe, expect, it } from 'vitest';
import { convertV1Config, isV1Config } from './convert-v1-config.js';
import { parseConfig } from './parse-config.js';

/** The shape of the Go service's config this replaces, with sections of its own that Switchboard ignores. */
const V1_FILE = {
  server: { host: '127.0.0.1', port: 8080 },
  models: {
    chat_primary: 'openai',
    chat_backup: 'llama3',
    sql_primary: 'sqlcoder',
    openai: { model: 'gpt-4o-mini', api_key: '${OPENAI_API_KEY}' },
    ollama: { host: 'http://gpu-box:11434', llama3_model: 'llama3', sqlcoder_model: 'sqlcoder:7b' },
    embeddings: { provider: 'openai', model: 'text-embedding-3-small' },
  },
  control_plane: { url: 'http://localhost:9000' },
  analytics_sources: [{ name: 'warehouse' }],
  safety: { pii_redaction: true },
};

describe('convertV1Config', () => {
  it('recognises version 1 files and leaves version 2 ones alone', () => {
    expect(isV1Config(V1_FILE)).toBe(true);
    expect(isV1Config({ version: 1, models: {} })).toBe(true);
    expect(isV1Config({ models: { defaults: { chat: 'openai:gpt-4o' } } })).toBe(false);
    expect(isV1Config({ version: 2, models: { chat_primary: 'openai' } })).toBe(false);
  });

  it('converts a realistic v1 file into the v2 it should be', () => {
    const { config, converted, warnings } = convertV1Config(V1_FILE);
    expect(config).toEqual({
      version: 2,
      server: { host: '127.0.0.1', port: 8080 },
      models: {
        defaults: {
          chat: 'openai:gpt-4o-mini',
          sql: 'ollama:sqlcoder:7b',
          embeddings: 'openai:text-embedding-3-small',
        },
        openai: {
          api_key: '${OPENAI_API_KEY}',
          registry: {
            'gpt-4o-mini': { id: 'openai:gpt-4o-mini', capabilities: ['chat'] },
            'text-embedding-3-small': { id: 'openai:text-embedding-3-small', capabilities: ['embeddings'] },
          },
        },
        ollama: {
          host: 'http://gpu-box:11434',
          registry: {
            'sqlcoder:7b': { id: 'ollama:sqlcoder:7b', capabilities: ['sql'] },
            'llama3:latest': { id: 'ollama:llama3:latest', capabilities: ['chat'] },
          },
        },
      },
      tasks: { chat: { fallbacks: ['ollama:llama3:latest'] } },
    });
    expect(converted).toContain('models.chat_primary: openai -> models.defaults.chat: openai:gpt-4o-mini');
    expect(converted).toContain('models.chat_backup: llama3 -> tasks.chat.fallbacks: [ollama:llama3:latest]');
    expect(converted).toContain(
      'models.ollama.llama3_model: llama3 -> models.ollama.registry["llama3:latest"]',
    );
    expect(warnings).toEqual([
      '"control_plane" belongs to the old application, not to Switchboard, and was ignored',
      '"analytics_sources" belongs to the old application, not to Switchboard, and was ignored',
      '"safety" belongs to the old application, not to Switchboard, and was ignored',
    ]);
    const { registry } = parseConfig({
      ...config,
      models: { ...(config.models as object), openai: { api_key: 'k' } },
    });
    expect(registry.defaults.chat).toBe('openai:gpt-4o-mini');
  });

  it('fills the v1 defaults when the file leaves models out, and merges one model used twice', () => {
    const { config } = convertV1Config({ models: { chat_primary: 'llama3', sql_primary: 'llama3' } });
    expect(config.models).toEqual({
      defaults: { chat: 'ollama:llama3:latest', sql: 'ollama:llama3:latest' },
      ollama: {
        registry: { 'llama3:latest': { id: 'ollama:llama3:latest', capabilities: ['chat', 'sql'] } },
      },
    });
  });

  it('keeps an unknown alias so that v2 validation reports it', () => {
    const { config, converted } = convertV1Config({ models: { chat_primary: 'gpt4' } });
    expect((config.models as { defaults: object }).defaults).toEqual({ chat: 'gpt4' });
    expect(converted[0]).toMatch(/"gpt4" is not one of openai, llama3, sqlcoder/);
    expect(() => parseConfig(config)).toThrow(/models\.defaults\.chat/);
  });
});
