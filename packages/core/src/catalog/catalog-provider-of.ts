import type { CatalogConfig } from '../config/config-schema.js';
import type { ProviderKind } from '../provider-kinds.js';

/** Kinds whose models.dev provider has the kind's own name, so they need no `catalog.providers` entry. */
export const CATALOGUED_KINDS: readonly ProviderKind[] = ['openai', 'anthropic', 'google', 'xai'];

/**
 * The models.dev provider whose imported models a configured provider brings: its `catalog.providers`
 * mapping, else its kind's when the kind is catalogued, else none.
 */
export function catalogProviderOf(
  name: string,
  kind: ProviderKind,
  catalog: CatalogConfig | undefined,
): string | undefined {
  const mapped = catalog?.providers?.[name];
  if (mapped) return mapped;
  return CATALOGUED_KINDS.includes(kind) ? kind : undefined;
}
