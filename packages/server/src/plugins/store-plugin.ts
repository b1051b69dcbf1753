import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createResolver, type Resolver } from '../gateway/create-resolver.js';
import type { Store } from '../store/create-store.js';
import { createResolutionCache, type ResolutionCache } from '../store/resolution-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    resolutionCache: ResolutionCache;
    resolver: Resolver;
  }
}

export interface StorePluginOptions {
  store: Store;
  /** Close the store when the app closes (the server does; tests sharing a store do not). Default true. */
  closeStore?: boolean;
}

export const storePlugin = fp(
  async (app: FastifyInstance, options: StorePluginOptions) => {
    const cache = await createResolutionCache(options.store, {
      onError: (error) => app.log.warn({ err: error }, 'preference cache reload failed'),
    });
    app.decorate('store', options.store);
    app.decorate('resolutionCache', cache);
    // The key service is registered after the store (it reads its keys from it): looked up per call.
    const ownKeysOf = (userId: string) =>
      app.hasDecorator('providerKeys') ? app.providerKeys.ownKeyProviders(userId) : undefined;
    app.decorate('resolver', createResolver(app.registryState, cache, ownKeysOf));
    app.addHook('onClose', async () => {
      cache.close();
      // Flushes buffered usage first, so a clean stop loses no event.
      if (options.closeStore ?? true) await options.store.close();
    });
  },
  { name: 'switchboard-store', dependencies: ['switchboard-config'] },
);
