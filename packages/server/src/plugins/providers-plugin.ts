import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createProviderRuntimes, type ProviderRuntime } from '../providers/provider-runtime.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Each configured provider, ready to call. Holds keys: never serialize. */
    providers: ProviderRuntimes;
  }
}

export interface ProviderRuntimes {
  runtime(name: string): ProviderRuntime | undefined;
  names(): string[];
  all(): ProviderRuntime[];
}

/** Builds a runtime (key, endpoint, connection pool) per provider; closes the pools with the app. */
export const providersPlugin = fp(
  async (app: FastifyInstance) => {
    const runtimes = createProviderRuntimes(app.config.config, app.registryState.current.providers);
    app.decorate('providers', {
      runtime: (name: string) => runtimes.get(name),
      names: () => [...runtimes.keys()],
      all: () => [...runtimes.values()],
    });
    app.addHook('onClose', async () => {
      await Promise.all([...runtimes.values()].map((runtime) => runtime.dispatcher.close()));
    });
  },
  { name: 'switchboard-providers', dependencies: ['switchboard-config'] },
);
