import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { LoadedConfig } from '../config/load-config.js';
import { createRegistryState, type RegistryState } from '../gateway/registry-state.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The loaded config file. Holds provider keys: never serialize it. */
    config: LoadedConfig;
    /** The registry in force (config, catalogue, discovered models). */
    registryState: RegistryState;
  }
}

export interface ConfigPluginOptions {
  config: LoadedConfig;
}

export const configPlugin = fp(
  async (app: FastifyInstance, options: ConfigPluginOptions) => {
    app.decorate('config', options.config);
    app.decorate('registryState', createRegistryState(options.config.registry));
  },
  { name: 'switchboard-config' },
);
