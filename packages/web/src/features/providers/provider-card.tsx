import type { ApiProvider, ProviderHealth, ProviderKeyState } from '@switchboard/client';
import { useId } from 'react';
import { HealthBadge } from './health-badge';
import { ProviderKeys } from './provider-keys';

function formatCheckedAt(checkedAt: string | null | undefined): string {
  if (!checkedAt) return 'never';
  const date = new Date(checkedAt);
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return date.toLocaleString();
}

/** One provider: kind, endpoint, key, health, latency, last check, and its models. */
export function ProviderCard({
  provider,
  health,
  modelCount,
  keys,
}: {
  provider: ApiProvider;
  health: ProviderHealth | undefined;
  modelCount: number;
  /** The provider's key pool (labels and last fours), from `/v1/ai/models/status`. */
  keys?: readonly ProviderKeyState[] | undefined;
}) {
  const titleId = useId();
  const problem = provider.configured ? health?.error : provider.unconfigured_reason;
  return (
    <article className="card provider-card" aria-labelledby={titleId}>
      <header className="task-card-header">
        <div>
          <h2 id={titleId} className="card-title">
            {provider.name}
          </h2>
          {provider.kind !== provider.name && (
            <p className="task-meta">
              <span className="tag">{provider.kind}</span>
            </p>
          )}
        </div>
        <HealthBadge status={health?.status ?? 'unknown'} />
      </header>
      <p className="endpoint">
        <code>{provider.endpoint || '(no endpoint)'}</code>
      </p>
      {problem && <p className="notice notice-warning">{problem}</p>}
      <dl className="facts facts-grid">
        <div>
          <dt>Latency</dt>
          <dd>
            {health?.latency_ms === null || health?.latency_ms === undefined
              ? '—'
              : `${Math.round(health.latency_ms)} ms`}
          </dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd title={health?.checked_at ?? undefined}>{formatCheckedAt(health?.checked_at)}</dd>
        </div>
        <div>
          <dt>Discovered</dt>
          <dd>{health?.discovered_models ?? '—'}</dd>
        </div>
        <div>
          <dt>Registered</dt>
          <dd>{modelCount}</dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd>{provider.has_api_key ? 'set' : 'none'}</dd>
        </div>
      </dl>
      {keys && <ProviderKeys provider={provider.name} keys={keys} />}
    </article>
  );
}
