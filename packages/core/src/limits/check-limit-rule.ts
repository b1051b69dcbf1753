import type { LimitRuleConfig } from '../config/config-schema.js';
import { parseModelId } from '../model-id.js';
import type { Registry } from '../registry/registry.js';

/** A problem with one field of a limit rule: the path is relative to the rule. */
export interface LimitRuleIssue {
  path: string[];
  message: string;
}

/**
 * Checks what a rule names against the registry: a task or provider that does not exist would match
 * nothing and leave a budget silently unenforced, so it is an error, not a warning. The same check runs at
 * config load and on `PUT /v1/limits/:name`.
 */
export function checkLimitRule(rule: LimitRuleConfig, registry: Registry): LimitRuleIssue[] {
  const issues: LimitRuleIssue[] = [];
  if (rule.task !== undefined && rule.task !== '*' && !registry.tasks.has(rule.task)) {
    issues.push({
      path: ['task'],
      message: `unknown task "${rule.task}": expected one of ${[...registry.tasks.keys()].join(', ')}`,
    });
  }
  if (rule.provider !== undefined && rule.provider !== '*' && !registry.providers.has(rule.provider)) {
    const known = [...registry.providers.keys()].join(', ') || '(none)';
    issues.push({
      path: ['provider'],
      message: `unknown provider "${rule.provider}": expected one of the configured providers: ${known}`,
    });
  }
  if (rule.model !== undefined && rule.model !== '*') {
    try {
      const { provider } = parseModelId(rule.model);
      if (!registry.providers.has(provider)) {
        issues.push({ path: ['model'], message: `unknown provider "${provider}" in "${rule.model}"` });
      }
    } catch (error) {
      issues.push({ path: ['model'], message: (error as Error).message });
    }
  }
  const fallback = rule.on_exceeded?.fallback;
  if (fallback) {
    const { provider } = parseModelId(fallback);
    const capability = rule.task ? registry.tasks.get(rule.task)?.capability : undefined;
    const model = registry.models.get(fallback);
    if (!registry.providers.has(provider)) {
      issues.push({
        path: ['on_exceeded', 'fallback'],
        message: `unknown provider "${provider}" in "${fallback}": expected a configured provider`,
      });
    } else if (capability && model?.registered && !model.capabilities.includes(capability)) {
      issues.push({
        path: ['on_exceeded', 'fallback'],
        message: `model "${fallback}" lacks capability "${capability}" that task "${rule.task}" needs`,
      });
    }
  }
  return issues;
}
