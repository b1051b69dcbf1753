import { formatPrice, formatTokenCount } from '@switchboard/core';
import type { ModelOption as ModelOptionData } from './list-model-options';
import { ModelSummary } from './model-summary';

export interface ModelOptionProps {
  id: string;
  option: ModelOptionData;
  /** The model the task uses now. */
  selected: boolean;
  /** Highlighted by the arrow keys or the pointer; Enter would choose it. */
  active: boolean;
  onChoose(id: string): void;
  onHover(id: string): void;
}

/** One model in the picker: its name and its facts, or why it cannot be chosen. */
export function ModelOption({ id, option, selected, active, onChoose, onHover }: ModelOptionProps) {
  const { model, unusableReason, unfitReason, unverified } = option;
  const disabled = unusableReason !== undefined || unfitReason !== undefined;
  // Read as one sentence by screen readers, the facts included, as sighted people see them.
  const facts = [
    model.context_window === null ? 'context unknown' : `${formatTokenCount(model.context_window)} context`,
    formatPrice(model.cost),
    ...model.features,
  ].join(', ');
  const why = [
    unfitReason && `does not fit: it ${unfitReason}`,
    unusableReason && `unavailable: ${unusableReason}`,
    unverified && 'fit unverified: its facts do not say',
  ].filter(Boolean);
  const label = `${model.label ?? model.name}: ${facts}${why.length ? `; ${why.join('; ')}` : ''}`;
  return (
    // The search field owns the keyboard and focus (aria-activedescendant); options take clicks only.
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the combobox's field has the keys and focus.
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-disabled={disabled}
      aria-label={label}
      className={`model-option${active ? ' model-option-active' : ''}${disabled ? ' model-option-disabled' : ''}`}
      onClick={() => {
        if (!disabled) onChoose(model.id);
      }}
      onPointerMove={() => {
        if (!disabled && !active) onHover(model.id);
      }}
    >
      <span className="model-option-name">
        {model.label ?? model.name}
        {selected && <span className="model-option-current"> (current)</span>}
        {unfitReason && <span className="model-option-reason"> — does not fit: it {unfitReason}</span>}
        {unusableReason && !unfitReason && <span className="model-option-reason"> — unavailable</span>}
        {unverified && <span className="model-option-reason"> — fit unverified</span>}
      </span>
      <ModelSummary model={model} />
    </div>
  );
}
