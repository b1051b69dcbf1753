import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TASK_MODEL_PREFIX } from './parse-openai-model.js';
import { openAiModelListSchema } from './schemas.js';

/** `owned_by` of the `task:<name>` entries. */
const TASK_OWNER = 'switchboard';

/**
 * `GET /v1/models`: what an OpenAI client may put in `model`, in OpenAI's list shape: `task:<name>` for
 * every task, then every registered model of a provider configured on this server (a model whose
 * provider has no key could not answer). `created` is when this server started: the registry has no dates.
 * @see https://platform.openai.com/docs/api-reference/models/list
 */
export const openAiModelsRoute: FastifyPluginAsyncZod = async (app) => {
  const created = Math.floor(Date.now() / 1000);
  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['openai'],
        summary: 'OpenAI-compatible model list: every registered model ID and task:<task> for every task',
        response: { 200: openAiModelListSchema },
      },
    },
    async () => {
      const registry = app.registryState.current;
      const tasks = [...registry.tasks.keys()].map((name) => ({
        id: `${TASK_MODEL_PREFIX}${name}`,
        object: 'model' as const,
        created,
        owned_by: TASK_OWNER,
      }));
      const models = [...registry.models.values()]
        .filter((model) => model.registered && registry.providers.get(model.provider)?.configured)
        .map((model) => ({ id: model.id, object: 'model' as const, created, owned_by: model.provider }));
      return { object: 'list' as const, data: [...tasks, ...models] };
    },
  );
};
