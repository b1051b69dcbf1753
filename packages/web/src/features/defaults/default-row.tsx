import type { ApiModel, ApiTask } from '@switchboard/client';
import { useClearPrimary, useSetPrimary } from '@switchboard/client/react';
import { useId, useState } from 'react';

/** The config's default of a task, when the server tells it apart from a runtime default on top. */
function configDefaultOf(task: ApiTask): string | null | undefined {
  if (task.config_default !== undefined) return task.config_default;
  if (task.default_source === 'config_default') return task.default;
  if (task.default_source === 'none') return null;
  return undefined;
}

/** One task's defaults, and for admins a select and buttons to set or clear the runtime default. */
export function DefaultRow({
  task,
  models,
  canEdit,
}: {
  task: ApiTask;
  models: readonly ApiModel[];
  canEdit: boolean;
}) {
  const selectId = useId();
  const set = useSetPrimary();
  const clear = useClearPrimary();
  const runtime = task.default_source === 'runtime_default' ? task.default : null;
  const [choice, setChoice] = useState('');
  const candidates = models.filter(
    (model) => model.registered && model.capabilities.includes(task.capability),
  );
  const configDefault = configDefaultOf(task);
  const error = set.error ?? clear.error;
  const busy = set.isPending || clear.isPending;

  return (
    <tr>
      <th scope="row">
        <span className="cell-title">{task.label}</span>
        <span className="cell-sub">
          {task.name} · needs {task.capability}
        </span>
      </th>
      <td data-label="Config default">
        {configDefault === undefined ? (
          <span
            className="muted"
            title="This server does not report the config's default while a runtime default is set."
          >
            hidden by the runtime default
          </span>
        ) : configDefault === null ? (
          <span className="muted">none</span>
        ) : (
          <code>{configDefault}</code>
        )}
      </td>
      <td data-label="Runtime default">
        {runtime ? <code className="code-accent">{runtime}</code> : <span className="muted">none</span>}
      </td>
      {canEdit && (
        <td data-label="Change">
          <div className="inline-form">
            <label className="visually-hidden" htmlFor={selectId}>
              Runtime default for {task.label}
            </label>
            <select
              id={selectId}
              className="select select-compact"
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
            >
              <option value="">Choose a model…</option>
              {candidates.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.id}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-small button-primary"
              disabled={choice === '' || busy}
              onClick={() =>
                set.mutate({ task: task.name, model: choice }, { onSuccess: () => setChoice('') })
              }
              aria-label={`Set the runtime default of ${task.label}`}
            >
              Set
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={!runtime || busy}
              onClick={() => clear.mutate({ task: task.name })}
              aria-label={`Clear the runtime default of ${task.label}`}
            >
              Clear
            </button>
          </div>
          {error && (
            <p className="text-error small" role="alert">
              {error.message}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
