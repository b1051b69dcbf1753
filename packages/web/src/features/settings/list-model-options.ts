import type { ApiModel, ApiProvider, ProviderHealth } from '@switchboard/client';
import { describeProviderUsability } from '@switchboard/core';

/** One model the picker offers: usable or not, and why not. */
export interface ModelOption {
  model: ApiModel;
  /** Why it cannot be chosen (no key, unreachable, ...), or undefined when it can. */
  unusableReason: string | undefined;
}

/** The options of one provider, under its name. */
export interface ProviderOptions {
  provider: string;
  /** Why none of its models can be chosen, when so. */
  unusableReason: string | undefined;
  options: ModelOption[];
}

/** Whether a model matches every word of a search: in its ID, label or features. */
function matches(model: ApiModel, words: readonly string[]): boolean {
  const haystack = [model.id, model.label ?? '', ...model.features].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * The registered models that can serve a capability, grouped by provider (usable providers first, then in
 * the server's order), filtered by
 * a search. Models of a provider that cannot be called now (judged as resolution judges it) stay listed,
 * with the reason, so people see what exists and what to fix.
 */
export function listModelOptions(
  models: readonly ApiModel[],
  providers: readonly ApiProvider[],
  health: Readonly<Record<string, ProviderHealth>> | undefined,
  capability: string,
  query = '',
): ProviderOptions[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return (
    providers
      .map((provider) => {
        const { reason } = describeProviderUsability(provider, health?.[provider.name]);
        const options = models
          .filter((model) => model.provider === provider.name && model.registered)
          .filter((model) => model.capabilities.includes(capability) && matches(model, words))
          .map((model) => ({ model, unusableReason: reason }));
        return { provider: provider.name, unusableReason: reason, options };
      })
      .filter((group) => group.options.length > 0)
      // What can be chosen first; the rest after it, still visible with the reason.
      .sort((a, b) => Number(a.unusableReason !== undefined) - Number(b.unusableReason !== undefined))
  );
}
