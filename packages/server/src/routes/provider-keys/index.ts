import {
  configuredProviderNames,
  keyLabelSchema,
  providerKeysResponseSchema,
  putProviderKeyBodySchema,
  UnknownProviderError,
} from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors/not-found-error.js';

const tags = ['providers'];
const providerParams = z.strictObject({ provider: z.string().min(1).max(100) });
const keyParams = z.strictObject({ provider: z.string().min(1).max(100), label: keyLabelSchema });

/**
 * `/v1/providers/:provider/keys`: the provider's key pool (admins). Keys go in, never come out: answers
 * carry labels, last four characters, weights and status. A key put here is stored encrypted, serves the
 * next call on every instance, and under a config key's label stands in for it until deleted.
 */
export const providerKeysRoutes: FastifyPluginAsyncZod = async (app) => {
  const runtimeOf = (name: string) => {
    const runtime = app.providers.runtime(name);
    if (!runtime) {
      throw new UnknownProviderError(
        name,
        configuredProviderNames(app.registryState.current.providers.values()),
      );
    }
    return runtime;
  };
  const describe = (name: string) => ({
    provider: name,
    storable: app.providerKeys.available,
    keys: runtimeOf(name).keys.describe(),
  });

  app.get(
    '/v1/providers/:provider/keys',
    {
      schema: {
        tags,
        summary: "A provider's keys: labels, last four characters, weight, status (admin; never a key)",
        params: providerParams,
        response: { 200: providerKeysResponseSchema },
      },
    },
    async (request) => {
      app.assertAdmin(request);
      return describe(request.params.provider);
    },
  );

  app.put(
    '/v1/providers/:provider/keys/:label',
    {
      schema: {
        tags,
        summary: 'Add or replace a key (admin): stored encrypted, used by the next call on every instance',
        params: keyParams,
        body: putProviderKeyBodySchema,
        response: { 200: providerKeysResponseSchema },
      },
    },
    async (request) => {
      app.assertAdmin(request);
      const { provider, label } = request.params;
      runtimeOf(provider);
      await app.providerKeys.setRuntimeKey(
        provider,
        label,
        request.body.key,
        request.body.weight ?? 1,
        request.principal.userId,
      );
      return describe(provider);
    },
  );

  app.delete(
    '/v1/providers/:provider/keys/:label',
    {
      schema: {
        tags,
        summary: 'Remove a runtime key (admin); a config key it stood in for serves again',
        params: keyParams,
        response: { 200: providerKeysResponseSchema },
      },
    },
    async (request) => {
      app.assertAdmin(request);
      const { provider, label } = request.params;
      const runtime = runtimeOf(provider);
      if (!(await app.providerKeys.removeRuntimeKey(provider, label))) {
        const fromConfig = runtime.keys
          .describe()
          .some((key) => key.label === label && key.source === 'config');
        throw new NotFoundError(
          fromConfig
            ? `Key "${label}" of provider "${provider}" comes from the config file: remove it there (a runtime key under its label would replace it).`
            : `Provider "${provider}" has no runtime key "${label}".`,
          { provider, label },
        );
      }
      return describe(provider);
    },
  );
};
