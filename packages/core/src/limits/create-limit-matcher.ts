import { LIMIT_DIMENSIONS, type LimitDimension } from '../config/config-schema.js';
import type { LimitRule } from './limit-rule.js';

/** Who makes a call, as the limits see it. `null`: the call has none (a proxied call names no task). */
export interface LimitSubject {
  user: string;
  task: string | null;
  provider: string;
  model: string | null;
  token: string | null;
  /** The call is served with the caller's own provider key: only `user_keys: include` rules apply. */
  ownKey?: boolean | undefined;
}

/** A rule that applies to a call, and which of its counters: `""`, or the wildcard values (`user=alice`). */
export interface MatchedLimit {
  rule: LimitRule;
  subject: string;
}

/** The rules compiled once; `match` runs on every upstream call. */
export interface LimitMatcher {
  readonly rules: readonly LimitRule[];
  /** Every rule that applies to the call, in the order the rules were given. */
  match(subject: LimitSubject): MatchedLimit[];
  /**
   * Whether the rules that apply depend on the model: some rule matching the rest of the subject names a
   * model or counts dollars (which need the model's price). The proxy then reads the model from the body
   * before calling upstream; otherwise it forwards at once.
   */
  dependsOnModel(subject: Omit<LimitSubject, 'model'>): boolean;
}

interface CompiledRule {
  rule: LimitRule;
  exact: Array<[LimitDimension, string]>;
  wildcards: LimitDimension[];
}

const NONE: MatchedLimit[] = [];

/** Encodes a counter's wildcard values; `parseLimitSubject` reads it back. */
export function formatLimitSubject(values: Array<[LimitDimension, string]>): string {
  return values.map(([dimension, value]) => `${dimension}=${encodeURIComponent(value)}`).join('&');
}

/** The wildcard values of a counter's subject (`user=alice` is `{ user: "alice" }`). */
export function parseLimitSubject(subject: string): Partial<Record<LimitDimension, string>> {
  const values: Partial<Record<LimitDimension, string>> = {};
  if (subject === '') return values;
  for (const part of subject.split('&')) {
    const at = part.indexOf('=');
    values[part.slice(0, at) as LimitDimension] = decodeURIComponent(part.slice(at + 1));
  }
  return values;
}

function matchesExact(
  compiled: CompiledRule,
  subject: Omit<LimitSubject, 'model'> & { model?: string | null },
) {
  for (const [dimension, value] of compiled.exact) {
    if (subject[dimension] !== value) return false;
  }
  return true;
}

/**
 * Compiles rules into a matcher. Every rule that matches applies (no precedence: the first exhausted one
 * refuses). A rule matches when each dimension it names equals the call's; `"*"` matches any call that has
 * a value there and keeps one counter per distinct value. With no rules, `match` allocates nothing.
 */
export function createLimitMatcher(rules: readonly LimitRule[]): LimitMatcher {
  const compiled: CompiledRule[] = rules.map((rule) => {
    const exact: Array<[LimitDimension, string]> = [];
    const wildcards: LimitDimension[] = [];
    for (const dimension of LIMIT_DIMENSIONS) {
      const value = rule.match[dimension];
      if (value === '*') wildcards.push(dimension);
      else if (value !== undefined) exact.push([dimension, value]);
    }
    return { rule, exact, wildcards };
  });
  return {
    rules,
    match(subject) {
      if (compiled.length === 0) return NONE;
      let matched: MatchedLimit[] | undefined;
      outer: for (const entry of compiled) {
        if (subject.ownKey && entry.rule.userKeys !== 'include') continue;
        if (!matchesExact(entry, subject)) continue;
        const values: Array<[LimitDimension, string]> = [];
        for (const dimension of entry.wildcards) {
          const value = subject[dimension];
          if (value === null) continue outer;
          values.push([dimension, value]);
        }
        matched ??= [];
        matched.push({ rule: entry.rule, subject: values.length ? formatLimitSubject(values) : '' });
      }
      return matched ?? NONE;
    },
    dependsOnModel(subject) {
      return compiled.some((entry) => {
        const namesModel = entry.rule.match.model !== undefined;
        if (!namesModel && entry.rule.measure !== 'usd') return false;
        const rest = entry.exact.filter(([dimension]) => dimension !== 'model');
        return rest.every(
          ([dimension, value]) => subject[dimension as Exclude<LimitDimension, 'model'>] === value,
        );
      });
    },
  };
}
