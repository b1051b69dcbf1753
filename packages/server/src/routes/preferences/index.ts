import {
  type PreferenceChoice,
  preferencesResponseSchema,
  putPreferenceBodySchema,
  putPreferencesBodySchema,
  SwitchboardError,
  UnknownTaskError,
  userIdSchema,
} from '@switchboard/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';
import { describePreferences } from '../../gateway/describe-preferences.js';
import { validatePreferenceChoice } from '../../gateway/validate-preference-choice.js';
import { formatEtag, parseIfMatch } from '../../http/etag.js';
import type { UserPreferences } from '../../store/preferences-repository.js';

const userParams = z.strictObject({ user_id: userIdSchema });
const taskParams = z.strictObject({ user_id: userIdSchema, task: z.string().min(1).max(100) });
const ifMatchHeaders = z.object({ 'if-match': z.string().optional() });
const tags = ['preferences'];

/** `/api/users/:user_id/model-preferences`: read, set all, set one, reset one. */
export const preferencesRoutes: FastifyPluginAsyncZod = async (app) => {
  const answer = (reply: FastifyReply, stored: UserPreferences) => {
    reply.header('etag', formatEtag(stored.version));
    return describePreferences(app.registryState.current, app.resolutionCache.runtimeDefaults, stored);
  };
  const expectedVersion = (userId: string, header: string | undefined) =>
    parseIfMatch(header, async () => formatEtag((await app.store.preferences.get(userId)).version));

  /** Checks every choice before anything is written; reports all that are wrong, not just the first. */
  const validateAll = (
    userId: string,
    tasks: Readonly<Record<string, PreferenceChoice>>,
  ): Record<string, string> => {
    const registry = app.registryState.current;
    // The choices are the user's (not the admin's writing them): their own keys make a provider choosable.
    const ownKeys = app.providerKeys.ownKeyProviders(userId);
    const ids: Record<string, string> = {};
    const errors: SwitchboardError[] = [];
    const failed: Array<{ task: string; code: string; message: string }> = [];
    for (const [task, choice] of Object.entries(tasks)) {
      try {
        ids[task] = validatePreferenceChoice(registry, task, choice, ownKeys);
      } catch (error) {
        if (!SwitchboardError.isInstance(error)) throw error;
        errors.push(error);
        failed.push({ task, code: error.code, message: error.message });
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) {
      throw new InvalidRequestError(
        `${errors.length} choices are invalid, so nothing was saved: ${failed.map((f) => `${f.task}: ${f.message}`).join(' ')}`,
        { errors: failed },
      );
    }
    return ids;
  };

  app.get(
    '/api/users/:user_id/model-preferences',
    {
      schema: {
        tags,
        summary: "A user's model for every task: their choice, or the default that fills in",
        params: userParams,
        response: { 200: preferencesResponseSchema },
      },
    },
    async (request, reply) => {
      app.assertCanAccessUser(request, request.params.user_id);
      return answer(reply, await app.store.preferences.get(request.params.user_id));
    },
  );

  app.put(
    '/api/users/:user_id/model-preferences',
    {
      schema: {
        tags,
        summary: 'Set several tasks at once: all checked first, then written in one transaction',
        params: userParams,
        headers: ifMatchHeaders,
        body: putPreferencesBodySchema,
        response: { 200: preferencesResponseSchema },
      },
    },
    async (request, reply) => {
      const userId = request.params.user_id;
      app.assertCanAccessUser(request, userId);
      const ids = validateAll(userId, request.body.tasks);
      const expected = await expectedVersion(userId, request.headers['if-match']);
      return answer(reply, await app.store.preferences.setMany(userId, ids, { expectedVersion: expected }));
    },
  );

  app.put(
    '/api/users/:user_id/model-preferences/:task',
    {
      schema: {
        tags,
        summary: "Set one task's model; answers the full preferences",
        params: taskParams,
        headers: ifMatchHeaders,
        body: putPreferenceBodySchema,
        response: { 200: preferencesResponseSchema },
      },
    },
    async (request, reply) => {
      const { user_id: userId, task } = request.params;
      app.assertCanAccessUser(request, userId);
      const id = validatePreferenceChoice(
        app.registryState.current,
        task,
        request.body,
        app.providerKeys.ownKeyProviders(userId),
      );
      const expected = await expectedVersion(userId, request.headers['if-match']);
      return answer(reply, await app.store.preferences.set(userId, task, id, { expectedVersion: expected }));
    },
  );

  app.delete(
    '/api/users/:user_id/model-preferences/:task',
    {
      schema: {
        tags,
        summary: 'Reset one task to the default; answers the full preferences',
        params: taskParams,
        headers: ifMatchHeaders,
        response: { 200: preferencesResponseSchema },
      },
    },
    async (request, reply) => {
      const { user_id: userId, task } = request.params;
      app.assertCanAccessUser(request, userId);
      const registry = app.registryState.current;
      if (!registry.tasks.has(task)) {
        // A choice for a task the config since dropped can still be cleared.
        const stored = await app.store.preferences.get(userId);
        if (!Object.hasOwn(stored.tasks, task)) throw new UnknownTaskError(task, [...registry.tasks.keys()]);
      }
      const expected = await expectedVersion(userId, request.headers['if-match']);
      return answer(reply, await app.store.preferences.reset(userId, task, { expectedVersion: expected }));
    },
  );
};
