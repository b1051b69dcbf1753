import type { ProviderHealth } from '@switchboard/core';

/** Each provider's last known health. The providers plugin probes; this is what routes read. */
export interface HealthMonitor {
  snapshot(): Record<string, ProviderHealth>;
}
