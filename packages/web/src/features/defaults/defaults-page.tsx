import { useIsAdmin, useModels } from '@switchboard/client/react';
import { useSession } from '../auth/session-context';
import { ErrorNotice } from '../common/error-notice';
import { LoadingNotice } from '../common/loading-notice';
import { PageHeader } from '../common/page-header';
import { DefaultRow } from './default-row';

/** Runtime defaults per task (admins): what a task uses when the user chose nothing. */
export function DefaultsPage({ userId }: { userId: string }) {
  const session = useSession();
  const models = useModels();
  const admin = useIsAdmin();
  const canEdit = admin.data === true;

  return (
    <>
      <PageHeader
        title="Defaults"
        description="The model each task uses when a user has not chosen one. A runtime default overrides the config's for every user and every instance until it is cleared."
      />
      {admin.data === false && (
        <p className="notice notice-info" role="note">
          Only admins can change runtime defaults, and <strong>{userId}</strong> is not one
          {session.token ? ' (sign in with a token made with --admin)' : ''}. You can see them here.
        </p>
      )}
      {admin.isError && <ErrorNotice title="Could not tell whether you are an admin" error={admin.error} />}
      {models.isError && <ErrorNotice title="The tasks could not be loaded" error={models.error} />}
      {models.isPending && <LoadingNotice what="tasks" />}
      {models.data && (
        <div className="table-card card">
          <table className="table defaults-table">
            <caption className="visually-hidden">Default model per task</caption>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Config default</th>
                <th scope="col">Runtime default</th>
                {canEdit && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {models.data.tasks.map((task) => (
                <DefaultRow key={task.name} task={task} models={models.data.models} canEdit={canEdit} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
