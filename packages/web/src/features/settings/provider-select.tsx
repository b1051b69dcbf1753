import type { ApiProvider, ProviderHealth } from '@switchboard/client';
import { useId } from 'react';
import { describeProviderBlock } from '../common/describe-provider-block';

export interface ProviderSelectProps {
  taskLabel: string;
  providers: readonly ApiProvider[];
  health: Record<string, ProviderHealth> | undefined;
  value: string;
  onChange(provider: string): void;
}

/** Every configured provider; one without a key or failing its health check is disabled, with the reason. */
export function ProviderSelect({ taskLabel, providers, health, value, onChange }: ProviderSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Provider
        <span className="visually-hidden"> for {taskLabel}</span>
      </label>
      <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
        {value === '' && <option value="">Choose a provider…</option>}
        {providers.map((provider) => {
          const blocked = describeProviderBlock(provider, health?.[provider.name]);
          return (
            <option key={provider.name} value={provider.name} disabled={blocked !== undefined}>
              {blocked ? `${provider.name} — unavailable: ${blocked}` : provider.name}
            </option>
          );
        })}
      </select>
    </div>
  );
}
