import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { ConfigError } from '../errors/config-error.js';
import { TEST_CONFIG } from '../test-config.js';
import { createLimitMatcher, parseLimitSubject } from './create-limit-matcher.js';
import { estimateWorstCaseCost } from './estimate-worst-case-cost.js';
import { toLimitRule, toLimitRuleConfig } from './limit-rule.js';
import { limitWindowAt } from './limit-window.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

function configWithLimits(limits: Record<string, unknown>) {
  return { ...structuredClone(TEST_CONFIG), limits };
}

function issuesOf(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map(({ path, message }) => `${path}: ${message}`);
  }
  throw new Error('expected the config to be refused');
}

describe('limitWindowAt (calendar windows in UTC)', () => {
  it('aligns minute, hour and day to UTC boundaries', () => {
    const now = at('2026-03-31T23:59:30.500Z');
    expect(limitWindowAt('minute', now)).toEqual({
      start: at('2026-03-31T23:59:00Z'),
      end: at('2026-04-01T00:00:00Z'),
    });
    expect(iso(limitWindowAt('hour', now).start)).toBe('2026-03-31T23:00:00.000Z');
    expect(iso(limitWindowAt('day', now).start)).toBe('2026-03-31T00:00:00.000Z');
    expect(iso(limitWindowAt('day', now).end)).toBe('2026-04-01T00:00:00.000Z');
  });

  it('runs a month from the 1st to the next 1st, whatever its length, across a year end', () => {
    expect(limitWindowAt('month', at('2028-02-29T12:00:00Z'))).toEqual({
      start: at('2028-02-01T00:00:00Z'),
      end: at('2028-03-01T00:00:00Z'),
    });
    const december = limitWindowAt('month', at('2026-12-31T23:59:59.999Z'));
    expect(iso(december.end)).toBe('2027-01-01T00:00:00.000Z');
    expect(limitWindowAt('month', december.end).start).toBe(december.end);
  });

  it('puts the last millisecond of a window in it and the next one in the next window', () => {
    const start = at('2026-05-01T10:00:00Z');
    expect(limitWindowAt('hour', start - 1).end).toBe(start);
    expect(limitWindowAt('hour', start).start).toBe(start);
  });
});

describe('createLimitMatcher', () => {
  const rules = [
    toLimitRule('alice_hourly', { user: 'alice', requests: 3, per: 'hour' }, 'config'),
    toLimitRule('each_user', { user: '*', usd: 20, per: 'month' }, 'config'),
    toLimitRule('chat_rpm', { task: 'chat', requests: 600, per: 'minute' }, 'runtime'),
    toLimitRule('openai_tpm', { provider: 'openai', tokens: 2_000_000, per: 'minute' }, 'config'),
    toLimitRule('per_model', { provider: 'openai', model: '*', requests: 10, per: 'day' }, 'config'),
  ];
  const matcher = createLimitMatcher(rules);
  const subject = {
    user: 'alice',
    task: 'chat',
    provider: 'openai',
    model: 'openai:gpt-4o-mini',
    token: 'tok_1',
  };

  it('applies every matching rule, with one counter per wildcard value', () => {
    const matched = matcher.match(subject);
    expect(matched.map((entry) => [entry.rule.name, entry.subject])).toEqual([
      ['alice_hourly', ''],
      ['each_user', 'user=alice'],
      ['chat_rpm', ''],
      ['openai_tpm', ''],
      ['per_model', 'model=openai%3Agpt-4o-mini'],
    ]);
    expect(parseLimitSubject(matched[4]!.subject)).toEqual({ model: 'openai:gpt-4o-mini' });
  });

  it('skips rules whose values differ, and wildcards where the call has no value', () => {
    const matched = matcher.match({
      ...subject,
      user: 'bob',
      task: null,
      provider: 'anthropic',
      model: null,
    });
    expect(matched.map((entry) => entry.rule.name)).toEqual(['each_user']);
    expect(matched[0]!.subject).toBe('user=bob');
  });

  it('answers the same empty array, allocating nothing, when there are no rules', () => {
    const empty = createLimitMatcher([]);
    expect(empty.match(subject)).toBe(empty.match({ ...subject, user: 'x' }));
    expect(empty.match(subject)).toEqual([]);
  });

  it('says when a proxied call must read the model first: a model rule or a dollar rule applies', () => {
    const { model: _model, ...rest } = subject;
    expect(matcher.dependsOnModel(rest)).toBe(true);
    const counting = createLimitMatcher([rules[0]!, rules[2]!]);
    expect(counting.dependsOnModel(rest)).toBe(false);
    expect(counting.dependsOnModel({ ...rest, user: 'bob' })).toBe(false);
  });

  it('converts a rule back to the shape it is written in', () => {
    const written = {
      task: 'prd_generation',
      usd: 50,
      per: 'month',
      on_exceeded: { fallback: 'openai:gpt-4o-mini' },
    };
    expect(toLimitRuleConfig(toLimitRule('prd', written as never, 'config'))).toEqual(written);
  });
});

describe('estimateWorstCaseCost', () => {
  it('prices every input token at the dearest input price and every allowed output token', () => {
    const cost = { input: 3, output: 15, cache_write: 3.75, cache_read: 0.3 };
    expect(estimateWorstCaseCost(cost, { inputTokens: 1_000, outputTokens: 2_000 })).toBeCloseTo(
      (1_000 * 3.75 + 2_000 * 15) / 1e6,
      10,
    );
  });

  it('is null, never 0, for a model without a price', () => {
    expect(estimateWorstCaseCost(null, { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(estimateWorstCaseCost({ input: 0, output: 0 }, { inputTokens: 1, outputTokens: 1 })).toBe(0);
  });
});

describe('limits in the config', () => {
  it('accepts the rules of the README', () => {
    const { config } = parseConfig(
      configWithLimits({
        alice_hourly: { user: 'alice', requests: 3, per: 'hour' },
        carol_daily: { user: 'carol', usd: 1.0, per: 'day' },
        each_user: { user: '*', usd: 20, per: 'month' },
        chat_rpm: { task: 'chat', requests: 600, per: 'minute' },
        openai_tpm: { provider: 'openai', tokens: 2_000_000, per: 'minute' },
        prd_budget: {
          task: 'prd_generation',
          usd: 50,
          per: 'month',
          on_exceeded: { fallback: 'openai:gpt-4o-mini' },
        },
      }),
    );
    expect(Object.keys(config.limits ?? {})).toHaveLength(6);
  });

  it('refuses a rule without exactly one measure, with its path', () => {
    expect(issuesOf(configWithLimits({ a: { user: 'x', per: 'day' } }))).toEqual([
      'limits.a: expected exactly one of requests, tokens, usd (found none)',
    ]);
    expect(issuesOf(configWithLimits({ a: { requests: 1, usd: 1, per: 'day' } }))[0]).toContain(
      'found requests, usd',
    );
  });

  it('refuses an unknown window, task, provider and a fallback without a task', () => {
    expect(issuesOf(configWithLimits({ a: { requests: 1, per: 'week' } }))[0]).toMatch(/^limits\.a\.per: /);
    expect(issuesOf(configWithLimits({ a: { task: 'nope', requests: 1, per: 'day' } }))[0]).toMatch(
      /^limits\.a\.task: unknown task "nope"/,
    );
    expect(issuesOf(configWithLimits({ a: { provider: 'nope', requests: 1, per: 'day' } }))[0]).toMatch(
      /^limits\.a\.provider: unknown provider "nope"/,
    );
    expect(
      issuesOf(
        configWithLimits({
          a: { user: 'x', usd: 1, per: 'day', on_exceeded: { fallback: 'openai:gpt-4o-mini' } },
        }),
      )[0],
    ).toBe('limits.a.on_exceeded: on_exceeded.fallback needs a rule on one task (task: <name>)');
    expect(issuesOf(configWithLimits({ a: { requests: 1, per: 'day', on_unpriced: 'allow' } }))[0]).toBe(
      'limits.a.on_unpriced: on_unpriced applies to usd rules only',
    );
  });

  it('refuses a limit name that cannot be a URL segment', () => {
    expect(issuesOf(configWithLimits({ 'a b': { requests: 1, per: 'day' } }))[0]).toMatch(/^limits/);
  });
});
