import type { ApiModel, ApiProvider, ApiTask, PreferenceEntry, ProviderHealth } from '@switchboard/client';
import {
  useResetModelPreference,
  useResolvedModel,
  useUpdateModelPreference,
} from '@switchboard/client/react';
import { useId, useState } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { ModelFacts } from './model-facts';
import { ModelSelect } from './model-select';
import { ProviderSelect } from './provider-select';
import { SaveStatus } from './save-status';
import { SourceBadge } from './source-badge';

export interface TaskCardProps {
  task: ApiTask;
  /** The user's entry for the task: their choice or the default filling in. */
  entry: PreferenceEntry | undefined;
  models: readonly ApiModel[];
  providers: readonly ApiProvider[];
  health: Record<string, ProviderHealth> | undefined;
  userId: string;
}

/**
 * One task: choose a provider, then a model of it that has the task's capability. A model change is saved
 * at once (shown before the server answers, rolled back with the server's reason if it refuses).
 */
export function TaskCard({ task, entry, models, providers, health, userId }: TaskCardProps) {
  const titleId = useId();
  const update = useUpdateModelPreference(userId);
  const reset = useResetModelPreference(userId);
  const resolved = useResolvedModel(task.name);
  const [lastWrite, setLastWrite] = useState<'update' | 'reset'>('update');
  // A provider picked but no model of it yet: nothing is saved until a model is.
  const [pickedProvider, setPickedProvider] = useState<string | undefined>(undefined);

  const provider = pickedProvider ?? entry?.provider ?? '';
  const current = entry?.id ? models.find((model) => model.id === entry.id) : undefined;
  const write = lastWrite === 'update' ? update : reset;
  const canReset = entry?.source === 'preference' && !reset.isPending;

  const chooseModel = (id: string) => {
    setLastWrite('update');
    setPickedProvider(undefined);
    update.mutate({ task: task.name, choice: { id } });
  };
  const resetToDefault = () => {
    setLastWrite('reset');
    setPickedProvider(undefined);
    reset.mutate({ task: task.name });
  };

  return (
    <article className="card task-card" aria-labelledby={titleId}>
      <div className="task-info">
        <header className="task-card-header">
          <h3 id={titleId} className="card-title">
            {task.label}
          </h3>
          <SourceBadge source={entry?.source ?? 'none'} />
        </header>
        <p className="task-meta">
          <span className="tag">{task.category}</span>
          <span className="tag tag-muted">needs {task.capability}</span>
        </p>
        <p className="card-description">{task.description}</p>
      </div>

      <div className="task-choice">
        <div className="field-row">
          <ProviderSelect
            taskLabel={task.label}
            providers={providers}
            health={health}
            value={provider}
            onChange={(name) => setPickedProvider(name === entry?.provider ? undefined : name)}
          />
          <ModelSelect
            taskLabel={task.label}
            models={models}
            provider={provider}
            capability={task.capability}
            value={pickedProvider === undefined ? (entry?.id ?? '') : ''}
            onChange={chooseModel}
          />
        </div>
        {entry?.skipped?.map((skipped) => (
          <p key={`${skipped.source}-${skipped.model}`} className="notice notice-warning">
            Your choice <code>{skipped.model}</code> is skipped: {skipped.reason}
          </p>
        ))}
        <SaveStatus
          isPending={write.isPending}
          isSuccess={write.isSuccess}
          savedText={lastWrite === 'reset' ? 'Reset to the default.' : 'Saved.'}
          pendingProvider={pickedProvider}
        />
        {write.isError && <ErrorNotice title="Not saved; the previous model is back." error={write.error} />}
      </div>

      <div className="task-model">
        {current ? (
          <ModelFacts model={current} />
        ) : (
          entry?.id && (
            <p className="hint">
              <code>{entry.id}</code> is not in the registry; its facts are unknown.
            </p>
          )
        )}
        <div className="task-card-footer">
          <p className="resolves-to">
            <span className="muted">Resolves to now:</span>{' '}
            {resolved.data ? (
              <code>{resolved.data.model}</code>
            ) : resolved.isError ? (
              <span className="text-error">{resolved.error.message}</span>
            ) : (
              <span className="muted">…</span>
            )}
          </p>
          {/* aria-disabled, not disabled: the button keeps focus after a reset instead of dropping it to the page. */}
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              if (canReset) resetToDefault();
            }}
            aria-disabled={!canReset}
            aria-label={`Reset ${task.label} to the default model`}
            title={canReset ? undefined : 'The task already uses the default.'}
          >
            Reset to default
          </button>
        </div>
      </div>
    </article>
  );
}
