import type { LimitStatus } from '@switchboard/client';

/** Who a rule applies to, for people: `user alice · task chat`, `each user`, `every call`. */
export function describeAppliesTo(appliesTo: LimitStatus['applies_to']): string {
  const parts = Object.entries(appliesTo).map(([dimension, value]) =>
    value === '*' ? `each ${dimension}` : `${dimension} ${value}`,
  );
  return parts.length ? parts.join(' · ') : 'every call';
}

/** Whose counter a bar shows: `alice`, `model openai:gpt-4o`; empty for a rule's one shared counter. */
export function describeSubject(subject: LimitStatus['counters'][number]['subject']): string {
  return Object.entries(subject)
    .map(([dimension, value]) => (dimension === 'user' ? value : `${dimension} ${value}`))
    .join(' · ');
}
