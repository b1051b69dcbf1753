import {
  putUserProviderKeyBodySchema,
  userIdSchema,
  userProviderKeysResponseSchema,
} from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError } from '../../errors/forbidden-error.js';
import { NotFoundError } from '../../errors/not-found-error.js';
import { UserKeysNotAllowedError } from '../../errors/user-keys-not-allowed-error.js';

const tags = ['providers'];
const userParams = z.strictObject({ user_id: userIdSchema });
const keyParams = z.strictObject({ user_id: userIdSchema, provider: z.string().min(1).max(100) });

/**
 * `/api/users/:user_id/provider-keys`: a user's own keys, for providers whose config says `user_keys:
 * allow`. Only the user themself may store one; they and admins may list them (last four characters, never
 * the key) and remove them. Their calls to that provider use it, recorded as key `user`.
 */
export const userProviderKeysRoutes: FastifyPluginAsyncZod = async (app) => {
  const allowed = () =>
    app.providers
      .all()
      .filter((runtime) => runtime.info.user_keys)
      .map((runtime) => runtime.info.name);
  const assertAllowed = (provider: string) => {
    const names = allowed();
    if (!names.includes(provider)) throw new UserKeysNotAllowedError(provider, names);
  };
  const describe = (userId: string) => ({
    userId,
    allowed: allowed(),
    keys: app.providerKeys.describeUserKeys(userId),
  });

  app.get(
    '/api/users/:user_id/provider-keys',
    {
      schema: {
        tags,
        summary: "A user's own provider keys (last four characters only) and the providers that take one",
        params: userParams,
        response: { 200: userProviderKeysResponseSchema },
      },
    },
    async (request) => {
      app.assertCanAccessUser(request, request.params.user_id);
      return describe(request.params.user_id);
    },
  );

  app.put(
    '/api/users/:user_id/provider-keys/:provider',
    {
      schema: {
        tags,
        summary: 'Store your own key for a provider (yourself only); your calls to it use it',
        params: keyParams,
        body: putUserProviderKeyBodySchema,
        response: { 200: userProviderKeysResponseSchema },
      },
    },
    async (request) => {
      const { user_id: userId, provider } = request.params;
      // Not even an admin puts a key under someone else's name: the calls it pays for would be theirs.
      if (request.principal.userId !== userId) {
        throw new ForbiddenError(`Only user "${userId}" may store their own provider keys.`);
      }
      assertAllowed(provider);
      await app.providerKeys.setUserKey(userId, provider, request.body.key);
      return describe(userId);
    },
  );

  app.delete(
    '/api/users/:user_id/provider-keys/:provider',
    {
      schema: {
        tags,
        summary: 'Remove a user’s own key for a provider (the user, or an admin)',
        params: keyParams,
        response: { 200: userProviderKeysResponseSchema },
      },
    },
    async (request) => {
      const { user_id: userId, provider } = request.params;
      app.assertCanAccessUser(request, userId);
      if (!(await app.providerKeys.removeUserKey(userId, provider))) {
        throw new NotFoundError(`User "${userId}" has no key for provider "${provider}".`, { provider });
      }
      return describe(userId);
    },
  );
};
