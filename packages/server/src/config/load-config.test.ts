import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { interpolateEnv } from './interpolate-env.js';
import { loadConfig, parseConfigText } from './load-config.js';

const BASE = `
version: 2
storage: { url: "\${DATABASE_URL:-sqlite:./data/x.db}" }
models:
  defaults: { chat: "openai:gpt-4o-mini" }
  openai:
    api_key: \${OPENAI_API_KEY}
  ollama: {}
`;

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('interpolateEnv', () => {
  it('fills variables, uses fallbacks, and keeps escaped references literal', () => {
    const { value } = interpolateEnv(
      { a: '${X}', b: '${MISSING:-dflt}', c: '$${X}', d: ['x-${X}'] },
      { X: '1' },
    );
    expect(value).toEqual({ a: '1', b: 'dflt', c: '${X}', d: ['x-1'] });
  });

  it('leaves a provider unconfigured, with the reason, when its variable is unset or empty', () => {
    const result = interpolateEnv(
      { models: { openai: { api_key: '${OPENAI_API_KEY}' } } },
      { OPENAI_API_KEY: '' },
    );
    expect(result.value).toEqual({ models: { openai: {} } });
    expect(result.unconfigured).toEqual({
      openai: 'environment variable OPENAI_API_KEY is not set (models.openai.api_key)',
    });
    expect(result.issues).toEqual([]);
  });

  it('labels pool keys by their variable (or position), and leaves out only the entry whose variable is unset', () => {
    const result = interpolateEnv(
      {
        models: {
          openai: {
            api_keys: [
              { key: '${KEY_A}', weight: 2 },
              { key: '${KEY_GONE}' },
              { key: 'sk-inline-0123456789' },
            ],
          },
        },
      },
      { KEY_A: 'sk-a-0123456789' },
    );
    expect(result.value).toEqual({
      models: {
        openai: {
          api_keys: [
            { key: 'sk-a-0123456789', weight: 2, label: 'KEY_A' },
            { key: 'sk-inline-0123456789', label: 'key-3' },
          ],
        },
      },
    });
    expect(result.unconfigured).toEqual({});
  });

  it('leaves a provider unconfigured only when no key at all is left, and says a key would fix it', () => {
    const result = interpolateEnv(
      { models: { openai: { api_key: '${KEY_A}', api_keys: [{ key: '${KEY_B}' }] } } },
      {},
    );
    expect(result.value).toEqual({ models: { openai: { api_keys: [] } } });
    expect(result.unconfigured.openai).toMatch(/KEY_A is not set/);
    expect(result.keyless.openai).toBe(result.unconfigured.openai);
    const parsed = parseConfigText('version: 2\nmodels:\n  openai:\n    api_keys: [{ key: "${KEY_B}" }]\n', {
      file: 'x.yaml',
      env: {},
    });
    expect(parsed.registry.providers.get('openai')).toMatchObject({ configured: false, needs_key: true });
  });

  it('reports an unset variable outside provider sections as an error', () => {
    const result = interpolateEnv({ storage: { url: '${DATABASE_URL}' } }, {});
    expect(result.issues).toEqual([
      {
        path: 'storage.url',
        segments: ['storage', 'url'],
        message: expect.stringMatching(/DATABASE_URL is not set/),
      },
    ]);
  });
});

describe('parseConfigText', () => {
  it('never sends a literal ${VAR} upstream: the provider is unconfigured instead', () => {
    const { registry, unconfigured } = parseConfigText(BASE, { file: 'x.yaml', env: {} });
    expect(registry.providers.get('openai')).toMatchObject({
      configured: false,
      has_api_key: false,
      unconfigured_reason: expect.stringMatching(/OPENAI_API_KEY is not set/),
    });
    expect(unconfigured).toHaveProperty('openai');
    const withKey = parseConfigText(BASE, { file: 'x.yaml', env: { OPENAI_API_KEY: 'sk-live' } });
    expect(withKey.registry.providers.get('openai')).toMatchObject({ configured: true, has_api_key: true });
  });

  it('gives line and column for YAML syntax errors', () => {
    const error = errorOf(() => parseConfigText('models:\n  openai: {\n', { file: 'x.yaml', env: {} }));
    expect(error.issues[0]).toMatchObject({
      message: expect.stringMatching(/^YAML syntax error/),
      line: expect.any(Number),
    });
    expect(error.message).toMatch(/^Invalid configuration[^\n]*\nx\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('gives line and column of the offending value for schema errors', () => {
    const text =
      'version: 2\nmodels:\n  openai:\n    api_key: k\n    registry:\n      gpt-4o: { capabilities: [chat, sqll] }\n';
    const error = errorOf(() => parseConfigText(text, { file: 'x.yaml', env: {} }));
    expect(error.issues[0]).toMatchObject({ path: 'models.openai.registry.gpt-4o.capabilities[1]', line: 6 });
    expect(error.message).toContain('x.yaml:6:');
  });

  it('refuses duplicate keys, which YAML would otherwise silently collapse', () => {
    expect(() =>
      parseConfigText('version: 2\nmodels:\n  ollama: {}\n  ollama: {}\n', { file: 'x.yaml', env: {} }),
    ).toThrow(/YAML syntax error/);
  });

  it('loads version 1 text, and says what it converted', () => {
    const text = 'models:\n  chat_primary: llama3\n  ollama:\n    llama3_model: llama3\nsafety: { x: 1 }\n';
    const loaded = parseConfigText(text, { file: 'old.yaml', env: {} });
    expect(loaded.registry.defaults.chat).toBe('ollama:llama3:latest');
    expect(loaded.converted).toContain(
      'models.chat_primary: llama3 -> models.defaults.chat: ollama:llama3:latest',
    );
    expect(loaded.warnings).toContain(
      '"safety" belongs to the old application, not to Switchboard, and was ignored',
    );
  });
});

describe('loadConfig', () => {
  it('reads --config, then SWITCHBOARD_CONFIG, then ./switchboard.yaml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sb-config-'));
    await writeFile(join(dir, 'switchboard.yaml'), 'version: 2\nmodels: { ollama: {} }\n');
    await writeFile(join(dir, 'other.yaml'), 'version: 2\nmodels: { local: { kind: ollama } }\n');
    expect((await loadConfig({ cwd: dir, env: {} })).source).toBe('cwd');
    const fromEnv = await loadConfig({ cwd: dir, env: { SWITCHBOARD_CONFIG: 'other.yaml' } });
    expect([fromEnv.source, [...fromEnv.registry.providers.keys()]]).toEqual(['env', ['local']]);
    expect((await loadConfig({ cwd: dir, env: {}, file: 'other.yaml' })).source).toBe('flag');
  });

  it('says how to start when the file does not exist', async () => {
    await expect(loadConfig({ file: '/nonexistent/sb.yaml', env: {} })).rejects.toThrow(/file not found/);
  });
});
