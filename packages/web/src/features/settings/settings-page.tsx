import type { ApiTask } from '@switchboard/client';
import {
  useModelPreferences,
  useModels,
  useModelsStatus,
  useUserProviderKeys,
} from '@switchboard/client/react';
import { useMemo } from 'react';
import { ErrorNotice } from '../common/error-notice';
import { LoadingNotice } from '../common/loading-notice';
import { PageHeader } from '../common/page-header';
import { MyLimits } from '../limits/my-limits';
import { MyProviderKeys } from './my-provider-keys';
import { TaskRow } from './task-row';

/** Tasks grouped by category, in the order the server lists them. */
function groupByCategory(tasks: readonly ApiTask[]): Array<[string, ApiTask[]]> {
  const groups = new Map<string, ApiTask[]>();
  for (const task of tasks) {
    const group = groups.get(task.category) ?? [];
    group.push(task);
    groups.set(task.category, group);
  }
  return [...groups];
}

/** "AI models": one compact row per task, grouped by category; each model is chosen and saved on its own. */
export function SettingsPage({ userId }: { userId: string }) {
  const models = useModels();
  const status = useModelsStatus();
  const preferences = useModelPreferences(userId);
  const keys = useUserProviderKeys(userId);
  // The providers this user's own keys make callable for them; the same query as "Your provider keys".
  const ownKeys = useMemo(() => {
    const allowed = new Set(keys.data?.allowed ?? []);
    return new Set(
      (keys.data?.keys ?? []).map((entry) => entry.provider).filter((name) => allowed.has(name)),
    );
  }, [keys.data]);

  const header = (
    <PageHeader
      title="AI models"
      description={
        <>
          The model each task uses for <strong>{userId}</strong>. Open a task's model to compare every model
          that can serve it; the one you choose is saved at once. Reset a task to follow the default again.
        </>
      }
    />
  );
  if (models.isError || preferences.isError) {
    return (
      <>
        {header}
        <ErrorNotice title="The settings could not be loaded" error={models.error ?? preferences.error} />
      </>
    );
  }
  if (!models.data || !preferences.data) {
    return (
      <>
        {header}
        <LoadingNotice what="models and preferences" />
      </>
    );
  }

  return (
    <>
      {header}
      {status.isError && <ErrorNotice title="Provider health is unknown" error={status.error} />}
      <MyLimits userId={userId} />
      <MyProviderKeys userId={userId} />
      {groupByCategory(models.data.tasks).map(([category, tasks]) => (
        <section key={category} className="task-group" aria-labelledby={`category-${category}`}>
          <h2 id={`category-${category}`} className="section-title">
            {category}
          </h2>
          <ul className="card task-rows">
            {tasks.map((task) => (
              <TaskRow
                key={task.name}
                task={task}
                entry={preferences.data.preferences.tasks[task.name]}
                models={models.data.models}
                providers={models.data.providers}
                health={status.data?.health}
                userId={userId}
                ownKeys={ownKeys}
              />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
