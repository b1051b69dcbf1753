import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { TEST_CONFIG } from '../test-config.js';
import { parseConfig } from './parse-config.js';

function issuesOf(raw: unknown): Array<{ path: string; message: string }> {
  try {
    parseConfig(raw, { file: 'switchboard.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected the config to be refused');
}

function patched(patch: (config: Record<string, any>) => void): unknown {
  const config = structuredClone(TEST_CONFIG) as Record<string, any>;
  patch(config);
  return config;
}

describe('parseConfig', () => {
  it('accepts a config with every provider kind and builds its registry', () => {
    const { registry, warnings } = parseConfig(TEST_CONFIG);
    expect([...registry.providers.keys()]).toEqual(['openai', 'anthropic', 'ollama', 'openrouter']);
    expect(registry.providers.get('openrouter')).toMatchObject({
      kind: 'openai-compatible',
      endpoint: 'https://openrouter.ai/api/v1',
      configured: true,
    });
    expect(registry.providers.get('ollama')).toMatchObject({
      endpoint: 'http://localhost:11434',
      discover: true,
    });
    expect(registry.models.get('anthropic:claude-haiku-4-5-20251001')).toMatchObject({ origin: 'catalog' });
    expect(registry.tasks.size).toBe(13);
    expect(warnings).toEqual([]);
  });

  it('reports every problem in one pass: schema, references and bind address, with "did you mean"', () => {
    const issues = issuesOf(
      patched((c) => {
        c.server = { hots: '127.0.0.1' };
        c.models.defualt = { chat: 'openai:gpt-4o-mini' };
        c.models.defaults = { chat: 'openai:gpt-4o-mnii' };
        c.models.openai.registry['gpt-4o-mini'].capabilities = ['chta'];
        c.tasks = { 'Bad-Task': { default: 'openai:gpt-4o-mini' }, chat: { defualt: 'openai:gpt-4o-mini' } };
        c.modles = {};
      }),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(
      [
        'server.hots',
        'models.defualt',
        'models.defaults.chat',
        'models.openai.registry.gpt-4o-mini.capabilities[0]',
        'tasks.Bad-Task',
        'tasks.chat.defualt',
        'modles',
      ].sort(),
    );
    const byPath = Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
    expect(byPath['server.hots']).toMatch(/unknown key "hots": did you mean "host"\?/);
    expect(byPath['models.defualt']).toMatch(/did you mean "defaults"\?/);
    expect(byPath['tasks.chat.defualt']).toMatch(/did you mean "default"\?/);
    expect(byPath.modles).toMatch(/did you mean "models"\?/);
    expect(byPath['tasks.Bad-Task']).toMatch(
      /invalid name "Bad-Task": expected a task name like "prd_generation"/,
    );
    expect(byPath['tasks.Bad-Task']).not.toMatch(/Invalid key in record/);
    expect(byPath['models.defaults.chat']).toMatch(/Did you mean "openai:gpt-4o-mini"\?/);
    expect(byPath['models.openai.registry.gpt-4o-mini.capabilities[0]']).toMatch(/Did you mean "chat"\?/);
  });

  it('does not take another model for a typo: two edits away is not a suggestion', () => {
    const { warnings } = parseConfig(patched((c) => (c.models.defaults = { chat: 'openai:gpt-4.1' })));
    expect(warnings).toEqual([expect.stringMatching(/"openai:gpt-4\.1" is not registered/)]);
  });

  it('refuses a public server.host in local mode, and accepts it in token mode or when the caller binds elsewhere', () => {
    expect(issuesOf(patched((c) => (c.server = { host: '0.0.0.0' })))).toEqual([
      {
        path: 'server.host',
        message: expect.stringMatching(/^Refusing to listen on 0\.0\.0\.0 with auth\.mode: local/),
      },
    ]);
    expect(() =>
      parseConfig(
        patched((c) => {
          c.server = { host: '0.0.0.0' };
          c.auth = { mode: 'token' };
        }),
      ),
    ).not.toThrow();
    expect(() =>
      parseConfig(
        patched((c) => (c.server = { host: '0.0.0.0' })),
        { hostOverridden: true },
      ),
    ).not.toThrow();
  });

  it('says "an openai-compatible provider"', () => {
    const issues = issuesOf(patched((c) => (c.models.local_llm = { kind: 'openai-compatible' })));
    expect(issues).toEqual([
      {
        path: 'models.local_llm.endpoint',
        message: 'required: expected the base URL of the API (an openai-compatible provider has no default)',
      },
    ]);
  });

  it('reports a wrong type with its path and what was expected', () => {
    const issues = issuesOf(patched((c) => (c.models.openai.registry['gpt-4o-mini'].context_window = 'big')));
    expect(issues).toEqual([
      {
        path: 'models.openai.registry.gpt-4o-mini.context_window',
        message: expect.stringMatching(/expected number/),
      },
    ]);
  });

  it('reports an unknown capability with the known ones', () => {
    const issues = issuesOf(
      patched((c) => (c.models.openai.registry['gpt-4o-mini'].capabilities = ['chta'])),
    );
    expect(issues[0]).toEqual({
      path: 'models.openai.registry.gpt-4o-mini.capabilities[0]',
      message: expect.stringMatching(/unknown capability "chta": expected one of chat, sql, embeddings/),
    });
  });

  it('reports a default naming an unknown provider', () => {
    const issues = issuesOf(patched((c) => (c.models.defaults.chat = 'mistral:large')));
    expect(issues).toEqual([
      {
        path: 'models.defaults.chat',
        message: expect.stringMatching(/unknown provider "mistral".*expected one of/),
      },
    ]);
  });

  it('reports a default whose model lacks the capability', () => {
    const issues = issuesOf(patched((c) => (c.models.defaults.sql = 'openai:gpt-4o-mini')));
    expect(issues[0]).toMatchObject({
      path: 'models.defaults.sql',
      message: expect.stringMatching(/lacks capability "sql".*expected a model with "sql"/),
    });
  });

  it('reports v1 keys mixed into a v2 file, pointing at their v2 form', () => {
    const issues = issuesOf(patched((c) => (c.models.chat_primary = 'openai')));
    expect(issues).toEqual([
      {
        path: 'models.chat_primary',
        message: expect.stringMatching(/version 1 key.*expected models\.defaults\.chat instead/),
      },
    ]);
  });

  it('reports unknown keys, missing kinds and missing endpoints', () => {
    expect(issuesOf(patched((c) => (c.models.openai.apikey = 'x')))[0]?.path).toBe('models.openai.apikey');
    expect(issuesOf(patched((c) => delete c.models.openrouter.kind))).toEqual([
      {
        path: 'models.openrouter.kind',
        message: expect.stringMatching(/required: expected one of openai, anthropic/),
      },
    ]);
    expect(issuesOf(patched((c) => delete c.models.openrouter.endpoint))[0]?.path).toBe(
      'models.openrouter.endpoint',
    );
  });

  it('reports a registry id that disagrees with its section, and quotes keys with colons', () => {
    const issues = issuesOf(patched((c) => (c.models.ollama.registry['llama3:latest'].id = 'ollama:llama3')));
    expect(issues).toEqual([
      {
        path: 'models.ollama.registry["llama3:latest"].id',
        message: expect.stringMatching(/expected "ollama:llama3:latest"/),
      },
    ]);
  });

  it('requires a capability for a task the config invents, and checks task defaults and fallbacks', () => {
    expect(issuesOf(patched((c) => (c.tasks.poetry = { default: 'openai:gpt-4o-mini' })))).toEqual([
      { path: 'tasks.poetry.capability', message: expect.stringMatching(/required: expected a capability/) },
    ]);
    expect(
      issuesOf(patched((c) => (c.tasks.prd_generation.fallbacks = ['ollama:sqlcoder:7b'])))[0]?.path,
    ).toBe('tasks.prd_generation.fallbacks[0]');
  });

  it('collects every problem instead of stopping at the first', () => {
    const issues = issuesOf(
      patched((c) => {
        c.models.defaults.chat = 'mistral:large';
        c.models.defaults.sql = 'openai:gpt-4o-mini';
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['models.defaults.chat', 'models.defaults.sql']);
  });

  it('warns, but accepts, a default naming an unregistered model', () => {
    const { warnings } = parseConfig(patched((c) => (c.models.defaults.chat = 'ollama:mistral:7b')));
    expect(warnings).toEqual([
      expect.stringMatching(/models\.defaults\.chat: "ollama:mistral:7b" is not registered/),
    ]);
  });

  it('marks a provider of a kind that needs a key, without one, as unconfigured with the reason', () => {
    const { registry } = parseConfig(patched((c) => delete c.models.openai.api_key));
    expect(registry.providers.get('openai')).toMatchObject({
      configured: false,
      unconfigured_reason: expect.stringMatching(/no API key.*OPENAI_API_KEY/),
    });
    const fromEnv = parseConfig(TEST_CONFIG, {
      unconfigured: { anthropic: 'environment variable X is not set' },
    });
    expect(fromEnv.registry.providers.get('anthropic')).toMatchObject({
      configured: false,
      unconfigured_reason: 'environment variable X is not set',
    });
  });

  it('lets registry facts win over the catalogue, and catalog: false drop the catalogue', () => {
    const { registry } = parseConfig(
      patched((c) => {
        c.models.openai.registry['gpt-4o'] = { cost: { input: 1, output: 2 } };
        c.models.anthropic.catalog = false;
        c.models.defaults.chat = 'openai:gpt-4o';
        c.tasks = {};
      }),
    );
    expect(registry.models.get('openai:gpt-4o')).toMatchObject({
      cost: { input: 1, output: 2 },
      context_window: 128_000,
      origin: 'config',
    });
    expect([...registry.models.keys()].some((id) => id.startsWith('anthropic:'))).toBe(false);
  });

  it('prices unknown cloud models as null (unpriced) and local ones as free', () => {
    const { registry } = parseConfig(patched((c) => (c.models.openai.registry['ft:custom'] = {})));
    expect(registry.models.get('openai:ft:custom')?.cost).toBeNull();
    expect(registry.models.get('ollama:llama3:latest')?.cost).toEqual({ input: 0, output: 0 });
  });
});

describe('parseConfig: task requirements', () => {
  const withTextOnly = (patch: (config: Record<string, any>) => void) =>
    patched((config) => {
      config.models.openrouter.registry['text-only'] = { capabilities: ['chat'], features: ['vision'] };
      patch(config);
    });

  it("refuses a task's default, fallback or models.defaults.<task> that lacks a required feature, at its path", () => {
    const issues = issuesOf(
      withTextOnly((config) => {
        config.tasks.spec_generation = {
          default: 'openrouter:text-only',
          fallbacks: ['openai:gpt-4o-mini', 'openrouter:text-only'],
          requires: { features: ['tools'] },
        };
        config.models.defaults.insight_extraction = 'openrouter:text-only';
      }),
    );
    expect(issues.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      {
        path: 'models.defaults.insight_extraction',
        message: expect.stringMatching(/built-in task's requirements.*lacks json_schema/),
      },
      { path: 'tasks.spec_generation.default', message: expect.stringContaining('it lacks tools') },
      { path: 'tasks.spec_generation.fallbacks[1]', message: expect.stringContaining('it lacks tools') },
    ]);
  });

  it('refuses a context too small and a price too high, and reads thinking as reasoning', () => {
    const issues = issuesOf(
      patched((config) => {
        config.tasks.research_generation = {
          default: 'anthropic:claude-sonnet-4-5-20250929',
          requires: { features: ['thinking'], min_context: 500_000, max_output_price: 10 },
        };
      }),
    );
    expect(issues).toEqual([
      {
        path: 'tasks.research_generation.default',
        message: expect.stringMatching(
          /context window of 200,000 tokens \(500,000 required\) and costs \$15 per 1M output/,
        ),
      },
    ]);
  });

  it('lets unknown facts through with a warning that says the fit is unverified; requires: {} lifts a built-in one', () => {
    const { warnings, registry } = parseConfig(
      patched((config) => {
        config.tasks.insight_extraction = { default: 'ollama:llama3:latest' };
        config.tasks.ir_build = { default: 'openai:gpt-4o-mini', requires: {} };
        config.tasks.task_analysis = { requires: { features: ['tool'] } };
      }),
    );
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^tasks\.insight_extraction\.default: .*unverified/),
        expect.stringMatching(/^tasks\.task_analysis\.requires\.features\[0\]: .*Did you mean "tools"\?/),
      ]),
    );
    expect(registry.tasks.get('ir_build')?.requires).toEqual({});
  });

  it('warns (and does not refuse) when a capability default serves a task it does not fit', () => {
    const { warnings } = parseConfig(
      withTextOnly((config) => {
        config.models.defaults.chat = 'openrouter:text-only';
      }),
    );
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^models\.defaults\.chat: .*task "insight_extraction".*lacks json_schema/),
      ]),
    );
  });

  it('refuses a malformed requirement at its path', () => {
    expect(
      issuesOf(patched((config) => (config.tasks.chat = { requires: { min_context: -1, speed: 3 } }))),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: expect.stringMatching(/^tasks\.chat\.requires/) }),
      ]),
    );
  });
});
