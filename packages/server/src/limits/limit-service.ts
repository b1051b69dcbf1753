import {
  createLimitMatcher,
  estimateWorstCaseCost,
  type LimitMatcher,
  type LimitRule,
  type LimitSubject,
  limitWindowAt,
  type MatchedLimit,
  type ModelInfo,
  type SwitchboardError,
  type TokenUsage,
} from '@switchboard/core';
import { LimitExceededError } from '../errors/limit-exceeded-error.js';
import { LimitsUnavailableError } from '../errors/limits-unavailable-error.js';
import { UnpricedModelError } from '../errors/unpriced-model-error.js';
import type {
  CounterReservation,
  CounterSettlement,
  CounterValue,
  LimitCounters,
} from '../store/limit-counters-repository.js';

/**
 * Output tokens assumed for a dollar reservation when neither the request (`max_tokens`) nor the registry
 * (`max_output_tokens`, else `context_window`) bounds them: the largest max output of the built-in catalogue.
 */
export const UNBOUNDED_OUTPUT_TOKENS = 128_000;

/** One upstream call, as the limits see it before it is made. */
export interface LimitCall {
  subject: LimitSubject;
  /** The model's registry facts: its price and its bounds on input and output. */
  info: ModelInfo | undefined;
  /** An upper bound on the prompt's tokens: its size in bytes (a byte-level tokenizer makes at most one token per byte). */
  inputBytes: number;
  /** The request's `max_tokens` (or `max_completion_tokens`, `max_output_tokens`), if it set one. */
  maxOutputTokens: number | undefined;
  /** A rule not to apply: the one whose `on_exceeded.fallback` this call is. */
  exempt?: string | undefined;
}

/** How a call ended, for its settlement. */
export interface CallSettlement {
  usage: TokenUsage | undefined;
  /** Its cost at the model's price; null when unknown. */
  cost: number | null;
  /**
   * `not_sent`: failed before the upstream answered (nothing billed). `error`: the upstream refused it
   * (nothing billed unless it reported usage). `ok` / `aborted` without usage: billed for all we know,
   * so counted at its worst case, never as free.
   */
  status: 'ok' | 'error' | 'aborted' | 'not_sent';
}

/** A call let through: settle it once, when its usage is known. */
export interface Admission {
  /** False when no rule applied (nothing to settle). */
  readonly limited: boolean;
  settle(outcome: CallSettlement): void;
}

/** The verdict on a call. A refusal names its rule, so a task rule's fallback can take over. */
export type AdmitResult =
  | { ok: true; admission: Admission }
  | { ok: false; rule: LimitRule; error: SwitchboardError };

export interface LimitServiceOptions {
  counters: LimitCounters;
  /** The config file's rules (read-only at runtime). */
  configRules: readonly LimitRule[];
  /** The clock windows are computed from. Tests inject one; default `Date.now`. */
  now?: () => number;
  /** A rule refused a call (the metrics count it). */
  onRefused?: (rule: LimitRule) => void;
  /** A settlement could not be written (logged; the call was already served). */
  onError?: (error: unknown) => void;
}

/** The rules in force, their counters, and the admission every upstream call goes through. */
export interface LimitService {
  readonly counters: LimitCounters;
  /** The rules in force: the config's, then the runtime ones by name. */
  readonly matcher: LimitMatcher;
  now(): number;
  /** Replaces the runtime rules (after a write here, or a NOTIFY from another instance). */
  setRuntimeRules(rules: readonly LimitRule[]): void;
  /** Checks every matching rule and takes room on their counters, all or nothing. */
  admit(call: LimitCall): Promise<AdmitResult>;
  /** Writes the settlements still queued (the app's close awaits it). */
  flush(): Promise<void>;
  /** A rule's counters in the window that holds now. */
  readCounters(
    rule: LimitRule,
  ): Promise<{ window: { start: number; end: number }; counters: CounterValue[] }>;
}

/** The admission of a call no rule applies to: nothing to settle. */
export const NOT_LIMITED: Admission = Object.freeze({ limited: false, settle: () => {} });

interface Taken {
  matched: MatchedLimit;
  op: CounterReservation;
  /** USD rules: the worst case reserved. Token rules: the worst case in tokens, charged when usage is unknown. */
  worst: number;
}

function worstCaseTokens(call: LimitCall): { inputTokens: number; outputTokens: number } {
  const info = call.info;
  const inputCap = info?.max_input_tokens ?? info?.context_window ?? undefined;
  const inputTokens = inputCap === undefined ? call.inputBytes : Math.min(call.inputBytes, inputCap);
  const modelMax = info?.max_output_tokens ?? info?.context_window ?? undefined;
  const requested = call.maxOutputTokens;
  const outputTokens =
    requested !== undefined && modelMax !== undefined && modelMax !== null
      ? Math.min(requested, modelMax)
      : (requested ?? modelMax ?? UNBOUNDED_OUTPUT_TOKENS);
  return { inputTokens, outputTokens };
}

/**
 * Creates the service. Per call, with no rule matching: one pass over the compiled rules, no allocation,
 * no I/O. With rules: one atomic operation on the counters (one Redis script, one SQL statement, or a few
 * synchronous SQLite statements) to admit, and one to settle when there is something to settle.
 *
 * Measures: `requests` takes one unit at admission. `tokens` needs room left (at least one token) at
 * admission and adds the real input + output at settlement. `usd` reserves the worst case at admission
 * (so concurrent calls can never together pass the budget) and settles to the real cost.
 */
export function createLimitService(options: LimitServiceOptions): LimitService {
  const now = options.now ?? Date.now;
  const { counters } = options;
  let matcher = createLimitMatcher(options.configRules);
  // Settlements of one turn of the event loop go out as one write, merged per counter: under load that
  // is one Redis script or one statement per counter for many calls, instead of one per call.
  const queued = new Map<string, CounterSettlement>();
  let flushing: Promise<void> | undefined;
  const flush = async () => {
    if (queued.size === 0) return;
    const ops = [...queued.values()];
    queued.clear();
    await counters.settle(ops).catch((error) => options.onError?.(error));
  };
  const queue = (ops: CounterSettlement[]) => {
    for (const op of ops) {
      const key = `${op.rule}\u0000${op.windowStart}\u0000${op.subject}`;
      const merged = queued.get(key);
      if (merged) {
        merged.addUsed += op.addUsed;
        merged.addReserved += op.addReserved;
      } else queued.set(key, { ...op });
    }
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      flushing = undefined;
      await flush();
    });
  };

  const settleTaken = (taken: Taken[], outcome: CallSettlement) => {
    const ops: CounterSettlement[] = [];
    const billedUnknown = !outcome.usage && (outcome.status === 'ok' || outcome.status === 'aborted');
    for (const { matched, op, worst } of taken) {
      const key = {
        rule: op.rule,
        subject: op.subject,
        windowStart: op.windowStart,
        windowEnd: op.windowEnd,
      };
      if (matched.rule.measure === 'tokens') {
        const used = outcome.usage
          ? outcome.usage.inputTokens + outcome.usage.outputTokens
          : billedUnknown
            ? worst
            : 0;
        if (used > 0) ops.push({ ...key, addUsed: used, addReserved: 0 });
      } else if (matched.rule.measure === 'usd') {
        const cost = outcome.cost ?? (billedUnknown ? worst : 0);
        ops.push({ ...key, addUsed: cost, addReserved: -worst });
      }
    }
    if (ops.length) queue(ops);
  };

  return {
    counters,
    get matcher() {
      return matcher;
    },
    now,
    async flush() {
      await flushing;
      await flush();
    },
    setRuntimeRules(rules) {
      const configNames = new Set(options.configRules.map((rule) => rule.name));
      matcher = createLimitMatcher([
        ...options.configRules,
        ...rules.filter((rule) => !configNames.has(rule.name)),
      ]);
    },
    async admit(call) {
      const matched = matcher.match(call.subject);
      if (matched.length === 0) return { ok: true, admission: NOT_LIMITED };
      const at = now();
      const taken: Taken[] = [];
      let tokens: { inputTokens: number; outputTokens: number } | undefined;
      for (const entry of matched) {
        const { rule } = entry;
        if (rule.name === call.exempt) continue;
        const window = limitWindowAt(rule.per, at);
        const base = {
          rule: rule.name,
          subject: entry.subject,
          windowStart: window.start,
          windowEnd: window.end,
        };
        if (rule.measure === 'requests') {
          taken.push({
            matched: entry,
            op: { ...base, limit: rule.limit, need: 1, addUsed: 1, addReserved: 0 },
            worst: 0,
          });
        } else if (rule.measure === 'tokens') {
          tokens ??= worstCaseTokens(call);
          const worst = tokens.inputTokens + tokens.outputTokens;
          taken.push({
            matched: entry,
            op: { ...base, limit: rule.limit, need: 1, addUsed: 0, addReserved: 0 },
            worst,
          });
        } else {
          // A call that names no model (a proxied listing) is not billed by the token.
          if (call.subject.model === null) continue;
          tokens ??= worstCaseTokens(call);
          const worst = estimateWorstCaseCost(call.info?.cost, tokens);
          if (worst === null) {
            if (rule.onUnpriced === 'allow') continue;
            options.onRefused?.(rule);
            return {
              ok: false,
              rule,
              error: new UnpricedModelError(rule.name, call.subject.model ?? '(unknown)'),
            };
          }
          taken.push({
            matched: entry,
            op: { ...base, limit: rule.limit, need: worst, addUsed: 0, addReserved: worst },
            worst,
          });
        }
      }
      if (taken.length === 0) return { ok: true, admission: NOT_LIMITED };
      let result: Awaited<ReturnType<LimitCounters['reserve']>>;
      try {
        result = await counters.reserve(taken.map((entry) => entry.op));
      } catch (error) {
        throw new LimitsUnavailableError(counters.backend, error);
      }
      if (!result.ok) {
        const refused = taken[result.index]!;
        const { rule } = refused.matched;
        options.onRefused?.(rule);
        return {
          ok: false,
          rule,
          error: new LimitExceededError({
            limit: rule.name,
            measure: rule.measure,
            window: rule.per,
            used: result.used + result.reserved,
            limitValue: rule.limit,
            resetsAt: refused.op.windowEnd,
            now: at,
          }),
        };
      }
      let settled = false;
      return {
        ok: true,
        admission: {
          limited: true,
          settle(outcome) {
            if (settled) return;
            settled = true;
            settleTaken(taken, outcome);
          },
        },
      };
    },
    async readCounters(rule) {
      const window = limitWindowAt(rule.per, now());
      return { window, counters: await counters.read(rule.name, window.start) };
    },
  };
}
