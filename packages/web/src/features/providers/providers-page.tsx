import { useModelsStatus, useRefreshModelsStatus } from '@switchboard/client/react';
import { ErrorNotice } from '../common/error-notice';
import { LoadingNotice } from '../common/loading-notice';
import { PageHeader } from '../common/page-header';
import { UnpricedBanner } from '../common/unpriced-banner';
import { ProviderCard } from './provider-card';

/** Every configured provider with its health; "Check now" probes them all. */
export function ProvidersPage() {
  const status = useModelsStatus();
  const refresh = useRefreshModelsStatus();

  return (
    <>
      <PageHeader
        title="Providers"
        description="Each configured provider, whether it answers, how fast, and how many models it listed. Probed in the background every minute."
        actions={
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              if (!refresh.isPending) refresh.mutate();
            }}
            aria-disabled={refresh.isPending}
          >
            {refresh.isPending ? 'Checking…' : 'Check now'}
          </button>
        }
      />
      <p className="save-status" role="status" aria-live="polite">
        {refresh.isSuccess && !refresh.isPending ? 'Checked every provider just now.' : ''}
      </p>
      <UnpricedBanner />
      {refresh.isError && <ErrorNotice title="The check failed" error={refresh.error} />}
      {status.isError && <ErrorNotice title="Provider status could not be loaded" error={status.error} />}
      {status.isPending && <LoadingNotice what="providers" />}
      {status.data && (
        <div className="card-grid">
          {status.data.providers.map((provider) => (
            <ProviderCard
              key={provider.name}
              provider={provider}
              health={status.data.health[provider.name]}
              keys={status.data.keys?.[provider.name]}
              modelCount={
                status.data.models.filter((model) => model.provider === provider.name && model.registered)
                  .length
              }
            />
          ))}
        </div>
      )}
    </>
  );
}
