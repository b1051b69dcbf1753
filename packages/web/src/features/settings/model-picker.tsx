import type { ApiModel, ApiProvider, ProviderHealth } from '@switchboard/client';
import type { TaskRequirements } from '@switchboard/core';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { listModelOptions } from './list-model-options';
import { ModelOption } from './model-option';
import { ModelSummary } from './model-summary';

export interface ModelPickerProps {
  taskLabel: string;
  capability: string;
  /** The model the task uses now (the user's choice or the default), if any. */
  value: string | undefined;
  models: readonly ApiModel[];
  providers: readonly ApiProvider[];
  health: Readonly<Record<string, ProviderHealth>> | undefined;
  /** What the task needs beyond the capability: models that fit come first, the others show why not. */
  requires?: TaskRequirements | undefined;
  /** Providers the user holds their own key for: their models can be chosen without a shared key. */
  ownKeys?: ReadonlySet<string> | undefined;
  /** Called once, when a model is chosen (Enter or a click), never while moving through the list. */
  onChoose(id: string): void;
}

/**
 * A searchable list of the models that can serve the task, each with its context, price and features, so
 * people compare before choosing. Arrow keys move the highlight only; Enter or a click chooses; Escape
 * closes without a change. Models of a provider that cannot be called now, and models that do not fit the
 * task's requirements (listed last), are shown disabled, with why.
 * The ARIA combobox pattern: the search field owns the listbox and points at the highlighted option.
 */
export function ModelPicker({
  taskLabel,
  capability,
  value,
  models,
  providers,
  health,
  requires,
  ownKeys,
  onChoose,
}: ModelPickerProps) {
  const baseId = useId();
  const listId = `${baseId}-list`;
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<string | undefined>(undefined);

  const groups = useMemo(
    () => listModelOptions(models, providers, health, capability, query, requires, ownKeys),
    [models, providers, health, capability, query, requires, ownKeys],
  );
  const choosable = useMemo(
    () =>
      groups.flatMap((group) =>
        group.options.filter((option) => !option.unusableReason && !option.unfitReason),
      ),
    [groups],
  );
  const current = value ? models.find((model) => model.id === value) : undefined;
  const optionId = (id: string) => `${baseId}-option-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const close = (focusButton: boolean) => {
    setOpen(false);
    setQuery('');
    if (focusButton) buttonRef.current?.focus();
  };
  const openList = () => {
    setOpen(true);
    setActive(choosable.some((option) => option.model.id === value) ? value : choosable[0]?.model.id);
  };
  const choose = (id: string) => {
    close(true);
    if (id !== value) onChoose(id);
  };

  // A new search highlights its first choosable match, unless the highlighted one still matches.
  useEffect(() => {
    if (!open) return;
    setActive((previous) =>
      choosable.some((option) => option.model.id === previous) ? previous : choosable[0]?.model.id,
    );
  }, [open, choosable]);

  useEffect(() => {
    if (!open || !active) return;
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  // A click elsewhere closes the list, as a native select does.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  });

  const move = (step: number) => {
    if (choosable.length === 0) return;
    const index = choosable.findIndex((option) => option.model.id === active);
    const next = index < 0 ? 0 : Math.min(choosable.length - 1, Math.max(0, index + step));
    setActive(choosable[next]?.model.id);
  };

  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      move(event.key === 'PageDown' ? 8 : -8);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active) choose(active);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div className={`model-picker${open ? ' model-picker-open' : ''}`} ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="model-picker-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-label={`Model for ${taskLabel}: ${value ?? 'none'}`}
        onClick={() => (open ? close(true) : openList())}
        onKeyDown={(event) => {
          if (!open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
            event.preventDefault();
            openList();
          }
        }}
      >
        <span className="model-picker-name">
          {current ? (current.label ?? current.id) : (value ?? 'Choose a model')}
        </span>
        {current ? (
          <ModelSummary model={current} />
        ) : (
          value && <span className="model-summary">not in the registry: facts unknown</span>
        )}
        <span className="model-picker-caret" aria-hidden="true" />
      </button>
      {open && (
        <div className="model-picker-panel">
          <input
            // biome-ignore lint/a11y/noAutofocus: the list was opened to search it; focus belongs in its field.
            autoFocus
            className="input model-picker-search"
            type="search"
            role="combobox"
            aria-label={`Search models for ${taskLabel}`}
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={active ? optionId(active) : undefined}
            placeholder="Search by name or feature"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onSearchKeyDown}
          />
          <div
            id={listId}
            role="listbox"
            aria-label={`Models for ${taskLabel}`}
            className="model-picker-list"
          >
            {groups.length === 0 && (
              <p className="muted model-picker-empty">No {capability} model matches.</p>
            )}
            {groups.map((group) => (
              // biome-ignore lint/a11y/useSemanticElements: a listbox's groups are role="group"; a fieldset is for form controls.
              <div key={group.provider} role="group" aria-labelledby={`${listId}-${group.provider}`}>
                <div id={`${listId}-${group.provider}`} className="model-picker-group" role="presentation">
                  {group.label}
                  {group.unusableReason && (
                    <span className="model-picker-reason"> — {group.unusableReason}</span>
                  )}
                </div>
                {group.options.map((option) => (
                  <ModelOption
                    key={option.model.id}
                    id={optionId(option.model.id)}
                    option={option}
                    selected={option.model.id === value}
                    active={option.model.id === active}
                    onChoose={choose}
                    onHover={setActive}
                  />
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
