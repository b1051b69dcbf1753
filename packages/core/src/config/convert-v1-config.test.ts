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

  it('reports an alias it cannot convert as a problem at its v1 path, and leaves it out', () => {
    const { config, problems } = convertV1Config({ models: { chat_primary: 'gpt4' } });
    expect((config.models as { defaults: object }).defaults).toEqual({});
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'models.chat_primary',
        segments: ['models', 'chat_primary'],
        message: expect.stringMatching(
          /cannot convert "gpt4": expected one of openai, llama3, sqlcoder, ollama/,
        ),
      }),
    ]);
  });

  it("reads a provider name as that provider's model for the job: sql_primary: ollama is its sqlcoder", () => {
    const { config, problems } = convertV1Config({
      models: {
        chat_primary: 'ollama',
        sql_primary: 'ollama',
        ollama: { llama3_model: 'llama3:8b', sqlcoder_model: 'sqlcoder:15b' },
      },
    });
    expect(problems).toEqual([]);
    expect(config.models).toEqual({
      defaults: { chat: 'ollama:llama3:8b', sql: 'ollama:sqlcoder:15b' },
      ollama: {
        registry: {
          'llama3:8b': { id: 'ollama:llama3:8b', capabilities: ['chat'] },
          'sqlcoder:15b': { id: 'ollama:sqlcoder:15b', capabilities: ['sql'] },
        },
      },
    });
    expect(() => parseConfig(config)).not.toThrow();
  });

  it("maps the Go service's server and auth keys, and drops the rest with a reason, never repeating a secret", () => {
    const { config, converted, warnings, problems } = convertV1Config({
      server: {
        host: '0.0.0.0',
        port: '8080',
        ws_enabled: true,
        read_timeout: '30s',
        auth: { enabled: true, jwt_secret: 'hunter2-secret' },
      },
      models: { chat_primary: 'openai', openai: { api_key: 'k', base_url: 'https://proxy.example/v1' } },
    });
    expect(problems).toEqual([]);
    expect(config.server).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(config.auth).toEqual({ mode: 'token' });
    expect((config.models as { openai: object }).openai).toMatchObject({
      endpoint: 'https://proxy.example/v1',
    });
    expect(converted).toContain('server.auth.enabled: true -> auth.mode: token');
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^server\.ws_enabled was dropped: the WebSocket chat .* is always on/),
        expect.stringMatching(/^server\.read_timeout was dropped: .*timeout_ms/),
        expect.stringMatching(
          /^server\.auth\.jwt_secret was dropped: token mode uses Switchboard's own API tokens/,
        ),
      ]),
    );
    expect(JSON.stringify({ config, converted, warnings })).not.toContain('hunter2-secret');
    expect(() => parseConfig(config)).not.toThrow();
  });

  it('reads auth.enabled: false as local mode, which then refuses a public bind address', () => {
    const { config } = convertV1Config({
      server: { host: '0.0.0.0', auth: { enabled: false } },
      models: { chat_primary: 'llama3' },
    });
    expect(config.auth).toEqual({ mode: 'local' });
    expect(() => parseConfig(config)).toThrow(
      /server\.host: Refusing to listen on 0\.0\.0\.0 with auth\.mode: local/,
    );
  });
});
