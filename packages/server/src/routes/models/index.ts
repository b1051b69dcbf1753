import {
  assertModelCanServe,
  clearPrimarySchema,
  modelsResponseSchema,
  modelsStatusResponseSchema,
  primaryResponseSchema,
  type Registry,
  type RuntimeDefaults,
  setPrimaryBodySchema,
  UnknownCapabilityError,
  UnknownTaskError,
} from '@switchboard/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeModels } from '../../gateway/describe-models.js';
import { capabilityOverrideKey } from '../../store/default-override-key.js';

const tags = ['models'];

/** `/v1/ai/models`, its status, and the runtime defaults (`/v1/ai/models/primary`). */
export const modelsRoutes: FastifyPluginAsyncZod = async (app) => {
  // The listing changes only with the registry or the runtime defaults, so its JSON is built once per
  // change: 5,000 models serialize in milliseconds, which the route should not pay on every call.
  // Kept as bytes too: a 5,000-model listing is 2 MB, which sending as a string would encode on every call.
  let cached: { registry: Registry; defaults: RuntimeDefaults; json: string; bytes: Buffer } | undefined;
  const listing = () => {
    const registry = app.registryState.current;
    const defaults = app.resolutionCache.runtimeDefaults;
    if (cached?.registry !== registry || cached.defaults !== defaults) {
      const json = JSON.stringify(describeModels(registry, defaults));
      cached = { registry, defaults, json, bytes: Buffer.from(json) };
    }
    return cached;
  };
  const listingJson = (): string => listing().json;

  /** Validates the key and the model of a runtime default; answers the `default_overrides` key. */
  const overrideKey = (
    key: { capability?: string | undefined; task?: string | undefined },
    model?: string,
  ) => {
    const registry = app.registryState.current;
    if (key.task !== undefined) {
      const task = registry.tasks.get(key.task);
      if (!task) throw new UnknownTaskError(key.task, [...registry.tasks.keys()]);
      if (model) {
        assertModelCanServe(registry, model, {
          capability: task.capability,
          task: task.name,
          requires: task.requires,
        });
      }
      return key.task;
    }
    const capability = key.capability!;
    if (!registry.capabilities.includes(capability)) {
      throw new UnknownCapabilityError(capability, registry.capabilities);
    }
    if (model) assertModelCanServe(registry, model, { capability });
    return capabilityOverrideKey(capability);
  };

  /** Resolves once the cache has reloaded the defaults, so the answer (and the next read) shows the change. */
  const defaultsApplied = () =>
    new Promise<void>((resolve) => {
      const stop = app.resolutionCache.onApplied((event) => {
        if (event.kind === 'defaults' || event.kind === 'cleared') {
          stop();
          resolve();
        }
      });
    });

  const currentDefaults = () => {
    const { tasks, capabilities } = app.resolutionCache.runtimeDefaults;
    return { ...app.registryState.current.defaults, ...capabilities, ...tasks };
  };

  app.get(
    '/v1/ai/models',
    {
      schema: {
        tags,
        summary: 'Every model, task, provider and default (never a key)',
        response: { 200: modelsResponseSchema },
      },
    },
    // Pre-serialized JSON: Fastify sends strings as they are, skipping the response serializer.
    async (_request, reply) => reply.type('application/json; charset=utf-8').send(listing().bytes as never),
  );

  app.get(
    '/v1/ai/models/status',
    {
      schema: {
        tags,
        summary: 'The models listing plus each provider’s health (`?refresh=true` probes first)',
        querystring: z.strictObject({ refresh: z.enum(['true', 'false']).optional() }),
        response: { 200: modelsStatusResponseSchema },
      },
    },
    async (request, reply) => {
      if (request.query.refresh === 'true') await app.health.refresh?.();
      const listing = listingJson();
      const health = JSON.stringify(app.health.snapshot());
      // Labels and last four characters only: `describe` never holds a key.
      const keys = JSON.stringify(app.providerKeys.describe());
      return reply
        .type('application/json; charset=utf-8')
        .send(`${listing.slice(0, -1)},"health":${health},"keys":${keys}}` as never);
    },
  );

  app.post(
    '/v1/ai/models/primary',
    {
      schema: {
        tags,
        summary: 'Set the runtime default of a capability or task (admin); every instance sees it',
        body: setPrimaryBodySchema,
        response: { 200: primaryResponseSchema },
      },
    },
    async (request) => {
      app.assertAdmin(request);
      const { capability, task, model } = request.body;
      const key = overrideKey({ capability, task }, model);
      const applied = defaultsApplied();
      await app.store.defaultOverrides.set(key, model, request.principal.userId);
      await applied;
      return { key: { capability, task }, model, defaults: currentDefaults() };
    },
  );

  app.delete(
    '/v1/ai/models/primary',
    {
      schema: {
        tags,
        summary: "Remove a runtime default (admin): the config's default applies again",
        // The shared schema, refinement included: no key or both keys is a 400, not a ZodError thrown by hand.
        querystring: clearPrimarySchema,
        response: { 200: primaryResponseSchema },
      },
    },
    async (request) => {
      app.assertAdmin(request);
      const parsed = request.query;
      const key = overrideKey(parsed);
      const applied = defaultsApplied();
      if (await app.store.defaultOverrides.clear(key)) await applied;
      return { key: parsed, model: null, defaults: currentDefaults() };
    },
  );
};
