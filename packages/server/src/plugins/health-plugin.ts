import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createModelDiscovery } from '../gateway/discover-models.js';
import type { HealthMonitor } from '../gateway/health-monitor.js';
import {
  createProviderHealthMonitor,
  type ProbingHealthMonitor,
} from '../gateway/provider-health-monitor.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Each provider's last known health, for `/v1/ai/models/status` and the Providers page. */
    health: HealthMonitor & Partial<Pick<ProbingHealthMonitor, 'refresh'>>;
  }
}

export interface HealthPluginOptions {
  /** Probe providers in the background from the start (the server does; most tests do not). Default true. */
  probe?: boolean | undefined;
}

export const healthPlugin = fp(
  async (app: FastifyInstance, options: HealthPluginOptions) => {
    const monitor = createProviderHealthMonitor({
      discovery: createModelDiscovery(app.registryState),
      runtimes: () => app.providers.all(),
      onError: (error) => app.log.warn({ err: error }, 'provider probe failed'),
    });
    app.decorate('health', monitor);
    if (options.probe ?? true) app.addHook('onReady', async () => monitor.start());
    app.addHook('onClose', async () => monitor.close());
  },
  { name: 'switchboard-health', dependencies: ['switchboard-config', 'switchboard-providers'] },
);
