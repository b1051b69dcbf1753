import type { ModelInfo } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import type { Admission } from '../limits/limit-service.js';
import { type CallTarget, createCallTarget } from './call-target.js';
import type { CallEstimate } from './estimate-call.js';

/** Who makes a call, for the limits: the caller, its token, and the task (none for the proxy). */
export interface LimitedCaller {
  userId: string;
  tokenId: string | undefined;
  task: string | null;
  estimate: CallEstimate;
}

/** What an attempt calls: a provider, and the model when it is known (a proxied listing names none). */
export interface AttemptTarget {
  provider: string;
  model: string | null;
  info: ModelInfo | undefined;
  /** Set when the caller's own provider key serves the call: shared limits leave it out. */
  runtime?: { lease?: { source: string } | undefined } | undefined;
}

/** An attempt the limits let through: on the target asked for, or on a task budget's fallback. */
export interface AdmittedAttempt {
  admission: Admission;
  /** Set when a task rule was exhausted and its `on_exceeded.fallback` serves instead. */
  limitFallback?: { rule: string; from: string; message: string; target: CallTarget } | undefined;
}

/**
 * The one place limits are enforced: before every upstream call, whatever the surface (the proxy, the task
 * endpoints, the OpenAI- and Anthropic-compatible routes and their pass-through, the WebSocket chat), and
 * for each fallback attempt, which is a call like any other. Every rule matching the caller, task,
 * provider, model and token applies; the first exhausted one refuses (throws `limit_exceeded`, or
 * `unpriced_model` for a dollar rule on a model without a price). When that rule is a task rule with
 * `on_exceeded.fallback`, the fallback model serves instead, under every other rule that matches it.
 */
export async function admitAttempt(
  app: FastifyInstance,
  caller: LimitedCaller,
  target: AttemptTarget,
): Promise<AdmittedAttempt> {
  const subject = (of: AttemptTarget) => ({
    user: caller.userId,
    task: caller.task,
    provider: of.provider,
    model: of.model,
    token: caller.tokenId ?? null,
    ownKey: of.runtime?.lease?.source === 'user',
  });
  const call = { ...caller.estimate, info: target.info, subject: subject(target) };
  const verdict = await app.limits.admit(call);
  if (verdict.ok) return { admission: verdict.admission };
  const fallback = verdict.rule.fallback;
  if (!fallback || fallback === target.model) throw verdict.error;
  const degraded = createCallTarget(app, fallback, { userId: caller.userId });
  const second = await app.limits.admit({
    ...caller.estimate,
    info: degraded.info,
    subject: subject(degraded),
    exempt: verdict.rule.name,
  });
  if (!second.ok) throw second.error;
  return {
    admission: second.admission,
    limitFallback: {
      rule: verdict.rule.name,
      from: target.model ?? fallback,
      message: verdict.error.message,
      target: degraded,
    },
  };
}
