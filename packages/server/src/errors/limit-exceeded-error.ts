import { type LimitMeasure, type LimitWindowName, SwitchboardError } from '@switchboard/core';
import type { ErrorCode } from './error-status.js';

/** What a refused call's answer says about the rule that refused it. */
export interface LimitRefusal {
  limit: string;
  measure: LimitMeasure;
  window: LimitWindowName;
  used: number;
  limitValue: number;
  /** Epoch ms of the window's end. */
  resetsAt: number;
  /** The clock the window was computed with, for `Retry-After`. */
  now: number;
}

/** `6m0s`, `1h2m3s`, `450ms`: the duration format of OpenAI's `x-ratelimit-reset-*` headers. */
function formatResetDuration(ms: number): string {
  if (ms < 1_000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const total = Math.ceil(ms / 1_000);
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  return `${hours ? `${hours}h` : ''}${hours || minutes ? `${minutes}m` : ''}${seconds}s`;
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * A limit of `limits:` (or `/v1/limits`) is exhausted: 429 `limit_exceeded`, naming the rule. Carries the
 * headers SDKs read (`Retry-After`, OpenAI's `x-ratelimit-*-requests` / `-tokens`, and `-usd` likewise).
 */
export class LimitExceededError extends SwitchboardError<ErrorCode> {
  /** Sent with the answer by the error handler and the proxy. */
  readonly headers: Record<string, string>;

  constructor(refusal: LimitRefusal) {
    const resetsAt = new Date(refusal.resetsAt).toISOString();
    const unit = refusal.measure === 'usd' ? 'USD' : refusal.measure;
    super(
      'limit_exceeded',
      `Limit "${refusal.limit}" is exhausted: ${round(refusal.used)} of ${refusal.limitValue} ${unit} per ${refusal.window} used (calendar ${refusal.window}, UTC); it resets at ${resetsAt}.`,
      {
        limit: refusal.limit,
        measure: refusal.measure,
        window: refusal.window,
        used: round(refusal.used),
        limit_value: refusal.limitValue,
        resets_at: resetsAt,
      },
    );
    this.name = 'LimitExceededError';
    const wait = refusal.resetsAt - refusal.now;
    this.headers = {
      'retry-after': String(Math.max(1, Math.ceil(wait / 1_000))),
      [`x-ratelimit-limit-${refusal.measure}`]: String(refusal.limitValue),
      [`x-ratelimit-remaining-${refusal.measure}`]: String(
        Math.max(0, round(refusal.limitValue - refusal.used)),
      ),
      [`x-ratelimit-reset-${refusal.measure}`]: formatResetDuration(wait),
    };
  }
}
