import type { ApiModel } from '@switchboard/client';
import { useId } from 'react';

export interface ModelSelectProps {
  taskLabel: string;
  models: readonly ApiModel[];
  provider: string;
  capability: string;
  /** The chosen model ID; `''` when a provider was picked but none of its models yet. */
  value: string;
  onChange(id: string): void;
}

/** The registered models of one provider that have the task's capability. Choosing one saves it. */
export function ModelSelect({ taskLabel, models, provider, capability, value, onChange }: ModelSelectProps) {
  const id = useId();
  const candidates = models.filter(
    (model) => model.provider === provider && model.registered && model.capabilities.includes(capability),
  );
  const listed = value === '' || candidates.some((model) => model.id === value);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Model
        <span className="visually-hidden"> for {taskLabel}</span>
      </label>
      <select
        id={id}
        className="select"
        value={value}
        disabled={candidates.length === 0}
        onChange={(event) => {
          if (event.target.value) onChange(event.target.value);
        }}
      >
        {value === '' && (
          <option value="">
            {candidates.length === 0
              ? `No ${capability} models on ${provider || 'this provider'}`
              : 'Choose a model…'}
          </option>
        )}
        {!listed && <option value={value}>{value}</option>}
        {candidates.map((model) => (
          <option key={model.id} value={model.id}>
            {model.label ?? model.name}
          </option>
        ))}
      </select>
    </div>
  );
}
