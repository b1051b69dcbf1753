import type { ReasoningEffort, ReasoningRequest } from '../call-adapter.js';

/**
 * Thinking budgets (tokens) for OpenAI's effort levels, for providers that take a budget (Anthropic,
 * Gemini). Anthropic's minimum is 1,024; the steps follow Anthropic's own guidance for "think",
 * "think hard" and beyond.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
const BUDGETS: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
};

/** The token budget a request asks for: its own, or its effort's. */
export function reasoningBudget(reasoning: ReasoningRequest): number {
  return reasoning.budgetTokens ?? BUDGETS[reasoning.effort ?? 'medium'];
}

/** The effort level a request asks for: its own, or the nearest to its budget. */
export function reasoningEffort(reasoning: ReasoningRequest): ReasoningEffort {
  if (reasoning.effort) return reasoning.effort;
  const budget = reasoning.budgetTokens ?? BUDGETS.medium;
  if (budget <= BUDGETS.minimal) return 'minimal';
  if (budget <= BUDGETS.low) return 'low';
  if (budget <= BUDGETS.medium) return 'medium';
  return 'high';
}
