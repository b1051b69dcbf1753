import { type LimitRule, type LimitStatus, parseLimitSubject, toLimitRuleConfig } from '@switchboard/core';
import type { LimitService } from './limit-service.js';

/** Who is looking: admins see every rule and counter, a user the rules that apply to them. */
export interface LimitViewer {
  userId: string;
  admin: boolean;
}

/** Whether a rule can apply to the viewer's calls: it names no user, any user, or them. */
function appliesTo(rule: LimitRule, viewer: LimitViewer): boolean {
  const user = rule.match.user;
  return user === undefined || user === '*' || user === viewer.userId;
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * `GET /v1/limits`: each rule with its counters in the window that holds now. A user sees the rules that
 * apply to them, and of a `user: "*"` rule only their own counter; admins see everything.
 */
export async function describeLimits(service: LimitService, viewer: LimitViewer): Promise<LimitStatus[]> {
  const rules = service.matcher.rules.filter((rule) => viewer.admin || appliesTo(rule, viewer));
  return Promise.all(
    rules.map(async (rule) => {
      const { window, counters } = await service.readCounters(rule);
      const written = toLimitRuleConfig(rule);
      const visible = counters
        .map((counter) => ({ ...counter, values: parseLimitSubject(counter.subject) }))
        .filter(
          (counter) =>
            viewer.admin || counter.values.user === undefined || counter.values.user === viewer.userId,
        );
      return {
        name: rule.name,
        source: rule.source,
        applies_to: { ...rule.match },
        measure: rule.measure,
        limit: rule.limit,
        per: rule.per,
        window_start: new Date(window.start).toISOString(),
        resets_at: new Date(window.end).toISOString(),
        ...(written.on_exceeded ? { on_exceeded: written.on_exceeded } : {}),
        ...(rule.measure === 'usd' ? { on_unpriced: rule.onUnpriced } : {}),
        counters: visible.map((counter) => ({
          subject: counter.values,
          used: round(counter.used),
          reserved: round(counter.reserved),
          remaining: Math.max(0, round(rule.limit - counter.used - counter.reserved)),
        })),
      };
    }),
  );
}
