import { useDeleteLimit, useIsAdmin, useLimits } from '@switchboard/client/react';
import { ErrorNotice } from '../common/error-notice';
import { LoadingNotice } from '../common/loading-notice';
import { PageHeader } from '../common/page-header';
import { LimitCard } from './limit-card';
import { LimitRuleForm } from './limit-rule-form';

/** Every limit (admins) or the ones that apply to the signed-in user, each counter as a bar. */
export function LimitsPage() {
  const limits = useLimits();
  const isAdmin = useIsAdmin();
  const remove = useDeleteLimit();

  return (
    <>
      <PageHeader
        title="Limits"
        description="Requests, tokens and dollars per user, task, provider, model or token. Windows are calendar periods in UTC; every matching limit applies, and the first one exhausted refuses the call."
      />
      {limits.isError && <ErrorNotice title="Limits could not be loaded" error={limits.error} />}
      {remove.isError && <ErrorNotice title="The limit was not deleted" error={remove.error} />}
      {limits.isPending && <LoadingNotice what="limits" />}
      {limits.data && limits.data.limits.length === 0 && (
        <p className="card muted">
          No limits apply{isAdmin ? ' yet: add one below, or under limits: in the config file' : ' to you'}.
        </p>
      )}
      {limits.data && (
        <div className="card-grid">
          {limits.data.limits.map((limit) => (
            <LimitCard
              key={limit.name}
              limit={limit}
              onDelete={isAdmin && limit.source === 'runtime' ? () => remove.mutate(limit.name) : undefined}
              deleting={remove.isPending && remove.variables === limit.name}
            />
          ))}
        </div>
      )}
      {isAdmin && <LimitRuleForm />}
    </>
  );
}
