import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { describeUnprobedHealth, type HealthMonitor } from '../gateway/health-monitor.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Each provider's last known health, for `/v1/ai/models/status` and the Providers page. */
    health: HealthMonitor;
  }
}

export interface HealthPluginOptions {
  /** A monitor that probes; without one every configured provider is `unknown`. */
  monitor?: HealthMonitor | undefined;
}

export const healthPlugin = fp(
  async (app: FastifyInstance, options: HealthPluginOptions) => {
    app.decorate(
      'health',
      options.monitor ?? { snapshot: () => describeUnprobedHealth(app.registryState.current) },
    );
  },
  { name: 'switchboard-health', dependencies: ['switchboard-config'] },
);
