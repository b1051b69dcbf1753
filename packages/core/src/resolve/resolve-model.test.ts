import { describe, expect, it } from 'vitest';
import { CapabilityMismatchError } from '../errors/capability-mismatch-error.js';
import { InvalidModelIdError } from '../errors/invalid-model-id-error.js';
import { NoModelConfiguredError } from '../errors/no-model-configured-error.js';
import { ProviderUnconfiguredError } from '../errors/provider-unconfigured-error.js';
import { UnknownProviderError } from '../errors/unknown-provider-error.js';
import { UnknownTaskError } from '../errors/unknown-task-error.js';
import { UnregisteredModelError } from '../errors/unregistered-model-error.js';
import { testRegistry } from '../test-config.js';
import { resolveModel } from './resolve-model.js';

const registry = testRegistry();

describe('resolveModel: which rule wins', () => {
  it('uses the override first, even over a preference', () => {
    const result = resolveModel(registry, 'chat', {
      override: 'openai:gpt-4o-mini',
      preference: 'anthropic:claude-haiku-4-5-20251001',
    });
    expect(result).toMatchObject({
      model: 'openai:gpt-4o-mini',
      provider: 'openai',
      name: 'gpt-4o-mini',
      kind: 'openai',
      source: 'override',
      registered: true,
      skipped: [],
    });
  });

  it("uses the user's preference over every default", () => {
    const result = resolveModel(registry, 'chat', {
      preference: 'anthropic:claude-haiku-4-5-20251001',
      runtimeDefaults: { tasks: { chat: 'openai:gpt-4o' } },
    });
    expect(result).toMatchObject({ model: 'anthropic:claude-haiku-4-5-20251001', source: 'preference' });
  });

  it('uses a runtime default for the task, then for the capability, before the config', () => {
    const byTask = resolveModel(registry, 'chat', {
      runtimeDefaults: { tasks: { chat: 'openai:gpt-4o' }, capabilities: { chat: 'openai:gpt-5' } },
    });
    expect(byTask).toMatchObject({
      model: 'openai:gpt-4o',
      source: 'runtime_default',
      via: 'runtime default for task chat',
    });
    const byCapability = resolveModel(registry, 'task_analysis', {
      runtimeDefaults: { capabilities: { chat: 'openai:gpt-5' } },
    });
    expect(byCapability).toMatchObject({
      model: 'openai:gpt-5',
      source: 'runtime_default',
      via: 'runtime default for capability chat',
    });
  });

  it('falls to tasks.<task>.default, then models.defaults.<task>, then models.defaults.<capability>', () => {
    expect(resolveModel(registry, 'prd_generation')).toMatchObject({
      model: 'openai:gpt-4o-mini',
      source: 'config_default',
      via: 'tasks.prd_generation.default',
    });
    const withTaskDefault = testRegistry((config) => {
      (config.models.defaults as Record<string, string>).insight_extraction = 'openai:gpt-4o';
      return config;
    });
    expect(resolveModel(withTaskDefault, 'insight_extraction')).toMatchObject({
      model: 'openai:gpt-4o',
      via: 'models.defaults.insight_extraction',
    });
    expect(resolveModel(registry, 'insight_extraction')).toMatchObject({
      model: 'anthropic:claude-sonnet-4-5-20250929',
      via: 'models.defaults.chat',
    });
    expect(resolveModel(registry, 'sql')).toMatchObject({ model: 'ollama:sqlcoder:7b', capability: 'sql' });
  });

  it("answers the task's fallbacks, minus the resolved model", () => {
    expect(resolveModel(registry, 'prd_generation').fallbacks).toEqual([
      'anthropic:claude-haiku-4-5-20251001',
    ]);
    expect(
      resolveModel(registry, 'prd_generation', { override: 'anthropic:claude-haiku-4-5-20251001' }).fallbacks,
    ).toEqual([]);
  });
});

describe('resolveModel: overrides', () => {
  it('allows an unregistered name on a configured provider, marked registered: false', () => {
    expect(resolveModel(registry, 'chat', { override: 'ollama:mistral:7b' })).toMatchObject({
      model: 'ollama:mistral:7b',
      name: 'mistral:7b',
      registered: false,
      source: 'override',
    });
  });

  it('refuses an unregistered name when allow_unregistered is false', () => {
    const strict = testRegistry((config) => ({
      ...config,
      models: { ...config.models, allow_unregistered: false },
    }));
    expect(() => resolveModel(strict, 'chat', { override: 'ollama:mistral:7b' })).toThrow(
      UnregisteredModelError,
    );
  });

  it('refuses a malformed ID, an unknown provider and a model without the capability', () => {
    expect(() => resolveModel(registry, 'chat', { override: 'gpt-4o' })).toThrow(InvalidModelIdError);
    expect(() => resolveModel(registry, 'chat', { override: 'mistral:large' })).toThrow(UnknownProviderError);
    const mismatch = (() => {
      try {
        resolveModel(registry, 'chat', { override: 'ollama:sqlcoder:7b' });
      } catch (error) {
        return error as CapabilityMismatchError;
      }
    })();
    expect(mismatch).toBeInstanceOf(CapabilityMismatchError);
    expect(mismatch?.details).toMatchObject({ capability: 'chat', model_capabilities: ['sql'] });
  });
});

describe('resolveModel: stale choices are skipped and reported', () => {
  it.each([
    ['mistral:large', 'provider_gone'],
    ['openai:gpt-3.5-turbo', 'not_registered'],
    ['ollama:sqlcoder:7b', 'capability_lost'],
    ['not an id', 'invalid_model_id'],
  ])('skips a preference for %s (%s) and says so', (preference, code) => {
    const result = resolveModel(registry, 'chat', { preference });
    expect(result.source).toBe('config_default');
    expect(result.model).toBe('anthropic:claude-sonnet-4-5-20250929');
    expect(result.skipped).toEqual([
      { source: 'preference', model: preference, code, reason: expect.any(String) },
    ]);
  });

  it('skips a stale runtime default too, and lists every skipped candidate in order', () => {
    const result = resolveModel(registry, 'chat', {
      preference: 'gone:model',
      runtimeDefaults: { tasks: { chat: 'ollama:sqlcoder:7b' } },
    });
    expect(result.skipped.map((skip) => [skip.source, skip.code])).toEqual([
      ['preference', 'provider_gone'],
      ['runtime_default', 'capability_lost'],
    ]);
  });
});

describe('resolveModel: errors', () => {
  it('names the known tasks for an unknown one', () => {
    expect(() => resolveModel(registry, 'poetry')).toThrow(UnknownTaskError);
    expect(() => resolveModel(registry, 'poetry')).toThrow(/Known tasks: chat, prd_generation/);
  });

  it('says how to configure a task that resolves to nothing', () => {
    const bare = testRegistry((config) => ({ version: 2, models: { openai: config.models.openai } }));
    const error = (() => {
      try {
        resolveModel(bare, 'embeddings', { preference: 'openai:gpt-4o-mini' });
      } catch (caught) {
        return caught as NoModelConfiguredError;
      }
    })();
    expect(error).toBeInstanceOf(NoModelConfiguredError);
    expect(error?.message).toMatch(/tasks\.embeddings\.default.*models\.defaults\.embeddings/);
    expect(error?.details.skipped).toHaveLength(1);
  });
});

describe('resolveModel: config tasks', () => {
  it('resolves a task declared in config with its own capability', () => {
    const custom = testRegistry((config) => ({
      ...config,
      capabilities: ['vision_chat'],
      models: {
        ...config.models,
        openai: {
          ...config.models.openai,
          registry: { ...config.models.openai.registry, 'gpt-4o': { capabilities: ['chat', 'vision_chat'] } },
        },
      },
      tasks: { ...config.tasks, screenshot_review: { capability: 'vision_chat', default: 'openai:gpt-4o' } },
    }));
    expect(resolveModel(custom, 'screenshot_review')).toMatchObject({
      model: 'openai:gpt-4o',
      capability: 'vision_chat',
    });
    expect(() => resolveModel(custom, 'screenshot_review', { override: 'openai:gpt-4o-mini' })).toThrow(
      CapabilityMismatchError,
    );
  });
});

describe('resolveModel: usability (DESIGN rule 1)', () => {
  const withoutAnthropicKey = testRegistry((config) => {
    const { api_key: _key, ...anthropic } = config.models.anthropic;
    return { ...config, models: { ...config.models, anthropic } };
  });

  it('answers a default on a provider without a key as usable: false, with the reason', () => {
    const result = resolveModel(withoutAnthropicKey, 'chat');
    expect(result).toMatchObject({
      model: 'anthropic:claude-sonnet-4-5-20250929',
      source: 'config_default',
      usable: false,
      unusable_reason: expect.stringMatching(
        /provider "anthropic" is not configured: no API key: set models\.anthropic\.api_key/,
      ),
    });
    expect(resolveModel(withoutAnthropicKey, 'sql')).toMatchObject({ usable: true });
    expect(resolveModel(withoutAnthropicKey, 'sql').unusable_reason).toBeUndefined();
  });

  it('refuses an override to a provider without a key, saying how to configure it and what is configured', () => {
    const call = () =>
      resolveModel(withoutAnthropicKey, 'chat', { override: 'anthropic:claude-haiku-4-5-20251001' });
    expect(call).toThrow(ProviderUnconfiguredError);
    expect(call).toThrow(
      /Provider "anthropic" cannot be chosen: no API key: set models\.anthropic\.api_key.*Configure it \(set the key, then restart Switchboard\), or choose a model of a configured provider \(openai, ollama, openrouter\)/,
    );
  });

  it('treats a provider without a shared key as callable for a caller who holds their own key there, only for them', () => {
    const ownKeys = new Set(['anthropic']);
    const override = { override: 'anthropic:claude-haiku-4-5-20251001' };
    expect(resolveModel(withoutAnthropicKey, 'chat', { ...override, ownKeys })).toMatchObject({
      model: 'anthropic:claude-haiku-4-5-20251001',
      source: 'override',
      usable: true,
    });
    expect(resolveModel(withoutAnthropicKey, 'chat', { ownKeys })).toMatchObject({
      model: 'anthropic:claude-sonnet-4-5-20250929',
      usable: true,
    });
    expect(resolveModel(withoutAnthropicKey, 'chat', { ownKeys }).unusable_reason).toBeUndefined();
    // Someone else's own keys (another provider) change nothing here.
    const others = new Set(['openai']);
    expect(() => resolveModel(withoutAnthropicKey, 'chat', { ...override, ownKeys: others })).toThrow(
      ProviderUnconfiguredError,
    );
    expect(resolveModel(withoutAnthropicKey, 'chat', { ownKeys: others })).toMatchObject({ usable: false });
  });

  it('lists only configured providers as "Configured providers"', () => {
    const call = () => resolveModel(withoutAnthropicKey, 'chat', { override: 'mistral:large' });
    expect(call).toThrow(UnknownProviderError);
    expect(call).toThrow(/Configured providers: openai, ollama, openrouter\./);
  });
});

describe('resolveModel: task requirements', () => {
  // After a config edit, the task requires tools and a large context; the stored choices predate it.
  const edited = testRegistry((config) => ({
    ...config,
    models: {
      ...config.models,
      openrouter: {
        ...config.models.openrouter,
        registry: {
          'text-only': { capabilities: ['chat'], features: ['vision'], context_window: 32_000 },
          'anthropic/claude-sonnet-4.5': { capabilities: ['chat'], cost: { input: 3, output: 15 } },
        },
      },
    },
    tasks: { ...config.tasks, spec_generation: { requires: { features: ['tools'], min_context: 100_000 } } },
  }));

  it('skips a stored preference and a runtime default that no longer fit, with the reason', () => {
    const result = resolveModel(edited, 'spec_generation', {
      preference: 'openrouter:text-only',
      runtimeDefaults: { tasks: { spec_generation: 'openrouter:text-only' } },
    });
    expect(result).toMatchObject({ model: 'anthropic:claude-sonnet-4-5-20250929', source: 'config_default' });
    expect(result.skipped).toEqual([
      {
        source: 'preference',
        model: 'openrouter:text-only',
        code: 'unfit_for_task',
        reason: expect.stringMatching(
          /lacks tools and has a context window of 32,000 tokens \(100,000 required\)/,
        ),
      },
      expect.objectContaining({ source: 'runtime_default', code: 'unfit_for_task' }),
    ]);
  });

  it('keeps a choice whose facts are unknown (unverified, not unfit), and applies no requirement elsewhere', () => {
    const unknown = resolveModel(edited, 'spec_generation', {
      preference: 'openrouter:anthropic/claude-sonnet-4.5',
    });
    expect(unknown).toMatchObject({ source: 'preference', skipped: [] });
    expect(resolveModel(edited, 'chat', { preference: 'openrouter:text-only' }).source).toBe('preference');
  });

  it('gives built-in tasks their requirements, canonical: insight_extraction and ir_build need json_schema', () => {
    expect(edited.tasks.get('insight_extraction')?.requires).toEqual({ features: ['json_schema'] });
    expect(edited.tasks.get('ir_build')?.requires).toEqual({ features: ['json_schema'] });
    expect(edited.tasks.get('chat')?.requires).toEqual({});
  });
});
