import { useModels, useModelsStatus, useResolvedModel } from '@switchboard/client/react';
import { describeProviderUsability } from '@switchboard/core';
import { useId } from 'react';

export interface ModelOverrideSelectProps {
  /** Lists the registered models with this capability. */
  capability: string;
  /** The task whose resolution the empty choice stands for. */
  task: string;
  label: string;
  /** A model ID, or `''` for the task's own model. */
  value: string;
  onChange(model: string): void;
}

/**
 * A select of the models that can serve a capability, grouped by provider; models of a provider that cannot
 * serve (no key, failing health) are listed but disabled, with the reason. The first option keeps the task's
 * own resolution (the user's choice or the default), named.
 */
export function ModelOverrideSelect({ capability, task, label, value, onChange }: ModelOverrideSelectProps) {
  const id = useId();
  const models = useModels();
  const status = useModelsStatus();
  const resolved = useResolvedModel(task);
  const providers = models.data?.providers ?? [];
  const candidates = (models.data?.models ?? []).filter(
    (model) => model.registered && model.capabilities.includes(capability),
  );
  const known = value === '' || candidates.some((model) => model.id === value);

  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Task default{resolved.data ? ` (${resolved.data.model})` : ''}</option>
        {!known && <option value={value}>{value} (no longer listed)</option>}
        {providers.map((provider) => {
          const own = candidates.filter((model) => model.provider === provider.name);
          if (own.length === 0) return null;
          const blocked = describeProviderUsability(provider, status.data?.health[provider.name]).reason;
          return (
            <optgroup
              key={provider.name}
              label={blocked ? `${provider.name} (unavailable: ${blocked})` : provider.name}
            >
              {own.map((model) => (
                <option key={model.id} value={model.id} disabled={blocked !== undefined}>
                  {model.label ?? model.name}
                  {blocked ? ' (unavailable)' : ''}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}
