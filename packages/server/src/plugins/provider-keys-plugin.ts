import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createProviderKeyService, type ProviderKeyService } from '../gateway/provider-key-service.js';
import { createKeyCipher } from '../security/key-cipher.js';
import { describeSecretKeySource, type ResolvedSecretKey } from '../security/resolve-secret-key.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Runtime keys (the keys API) and users' own keys: stored encrypted, loaded into the pools. */
    providerKeys: ProviderKeyService;
  }
}

export interface ProviderKeysPluginOptions {
  /**
   * The secret runtime keys are sealed with and where it came from (`resolveSecretKey`, run by
   * `server.ts`). Default: none, so runtime keys are refused.
   */
  secretKey?: ResolvedSecretKey | undefined;
}

const NO_SECRET = 'no secret key is set (SWITCHBOARD_SECRET_KEY)';

/** Loads the stored keys into the providers' pools before the first request, and follows the change feed. */
export const providerKeysPlugin = fp(
  async (app: FastifyInstance, options: ProviderKeysPluginOptions) => {
    const resolved = options.secretKey;
    const service = createProviderKeyService({
      store: app.store,
      runtimes: () => app.providers.all(),
      registry: app.registryState,
      redactor: app.keyRedactor,
      cipher: resolved?.secret === undefined ? undefined : createKeyCipher(resolved.secret),
      unavailableReason: resolved?.source.kind === 'none' ? resolved.source.reason : NO_SECRET,
      onError: (error, message) => app.log.warn({ err: error }, message),
    });
    if (resolved)
      app.log.info({ secret_key: resolved.source.kind }, describeSecretKeySource(resolved.source));
    app.decorate('providerKeys', service);
    await service.start();
    app.addHook('onClose', async () => service.stop());
  },
  {
    name: 'switchboard-provider-keys',
    dependencies: ['switchboard-store', 'switchboard-providers', 'switchboard-key-redactor'],
  },
);
