import type { ProviderHealth } from '@switchboard/core';

/** Each provider's last known health. The health plugin probes (`createProviderHealthMonitor`); routes read this. */
export interface HealthMonitor {
  snapshot(): Record<string, ProviderHealth>;
}
