import type { ApiModel, ApiProvider, ApiTask, PreferenceEntry, ProviderHealth } from '@switchboard/client';
import { useResetModelPreference, useUpdateModelPreference } from '@switchboard/client/react';
import { describeProviderUsability } from '@switchboard/core';
import { useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { ModelPicker } from './model-picker';
import { SaveStatus } from './save-status';
import { SourceBadge } from './source-badge';

export interface TaskRowProps {
  task: ApiTask;
  /** The user's entry for the task: their choice or the default filling in. */
  entry: PreferenceEntry | undefined;
  models: readonly ApiModel[];
  providers: readonly ApiProvider[];
  health: Readonly<Record<string, ProviderHealth>> | undefined;
  userId: string;
  /** Providers the user holds their own key for (callable by them without a shared key). */
  ownKeys?: ReadonlySet<string> | undefined;
}

/**
 * One task on one line: its label, the model it uses (a picker that saves what is chosen, shown before the
 * server answers and rolled back with its reason when refused), whose choice that is, the fallbacks, reset.
 */
export function TaskRow({ task, entry, models, providers, health, userId, ownKeys }: TaskRowProps) {
  const labelId = useId();
  const update = useUpdateModelPreference(userId);
  const reset = useResetModelPreference(userId);
  const [lastWrite, setLastWrite] = useState<'update' | 'reset'>('update');
  const write = lastWrite === 'update' ? update : reset;
  const canReset = entry?.source === 'preference' && !reset.isPending;
  const provider = entry?.provider
    ? providers.find((candidate) => candidate.name === entry.provider)
    : undefined;
  const usability = entry?.id
    ? describeProviderUsability(
        provider,
        entry.provider ? health?.[entry.provider] : undefined,
        entry.provider ? (ownKeys?.has(entry.provider) ?? false) : false,
      )
    : undefined;

  return (
    <li className="task-row" aria-labelledby={labelId}>
      <div className="task-row-label">
        <h3 id={labelId} className="task-row-title" title={task.description}>
          {task.label}
        </h3>
        <span className="task-row-meta">
          needs {task.capability}
          {task.requires?.features?.length ? ` with ${task.requires.features.join(', ')}` : ''}
          {task.requires?.min_context !== undefined &&
            ` · context ≥ ${task.requires.min_context.toLocaleString('en-US')}`}
          {task.fallbacks.length > 0 && (
            <>
              {' · then '}
              {task.fallbacks.map((fallback, index) => (
                <span key={fallback}>
                  {index > 0 && ', '}
                  <code>{fallback}</code>
                </span>
              ))}
            </>
          )}
        </span>
      </div>
      <div className="task-row-choice">
        <ModelPicker
          taskLabel={task.label}
          capability={task.capability}
          value={entry?.id ?? undefined}
          models={models}
          providers={providers}
          health={health}
          requires={task.requires}
          ownKeys={ownKeys}
          onChoose={(id) => {
            setLastWrite('update');
            update.mutate({ task: task.name, choice: { id } });
          }}
        />
      </div>
      <div className="task-row-actions">
        <SourceBadge source={entry?.source ?? 'none'} />
        {/* aria-disabled, not disabled: the button keeps focus after a reset instead of dropping it to the page. */}
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            if (!canReset) return;
            setLastWrite('reset');
            reset.mutate({ task: task.name });
          }}
          aria-disabled={!canReset}
          aria-label={`Reset ${task.label} to the default model`}
          title={canReset ? undefined : 'The task already uses the default.'}
        >
          Reset
        </button>
      </div>
      <div className="task-row-notes">
        {usability && !usability.usable && (
          <p className="notice notice-warning">A call would fail now: {usability.reason}.</p>
        )}
        {entry?.skipped?.map((skipped) => (
          <p key={`${skipped.source}-${skipped.model}`} className="notice notice-warning">
            Your choice <code>{skipped.model}</code> is skipped: {skipped.reason}
          </p>
        ))}
        <SaveStatus
          isPending={write.isPending}
          isSuccess={write.isSuccess}
          savedText={lastWrite === 'reset' ? 'Reset to the default.' : 'Saved.'}
        />
        {write.isError && <ErrorNotice title="Not saved; the previous model is back." error={write.error} />}
      </div>
    </li>
  );
}
