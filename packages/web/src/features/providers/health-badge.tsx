import type { ProviderHealth } from '@switchboard/client';

const TONES: Record<ProviderHealth['status'], string> = {
  ok: 'badge-success',
  unknown: 'badge-neutral',
  unconfigured: 'badge-warning',
  unauthorized: 'badge-danger',
  unreachable: 'badge-danger',
  error: 'badge-danger',
};

const TEXT: Record<ProviderHealth['status'], string> = {
  ok: 'Healthy',
  unknown: 'Not checked yet',
  unconfigured: 'Not configured',
  unauthorized: 'Key refused',
  unreachable: 'Unreachable',
  error: 'Error',
};

/** A provider's health in a word, with a dot that does not rely on colour alone. */
export function HealthBadge({ status }: { status: ProviderHealth['status'] }) {
  return (
    <span className={`badge ${TONES[status]}`}>
      <span className="dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
