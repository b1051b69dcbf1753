import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors/not-found-error.js';
import { parseSurfaceModel } from '../../gateway/surfaces/parse-surface-model.js';
import { listSurfaceModels, type SurfaceModelEntry } from './describe-surface-model.js';
import { openAiModelListSchema } from './schemas.js';

const modelSchema = z.looseObject({ id: z.string() });

/** Anthropic's clients send `anthropic-version`; they get models in Anthropic's shape. */
const isAnthropic = (headers: Record<string, unknown>) => typeof headers['anthropic-version'] === 'string';

/**
 * `GET /v1/models` and `GET /v1/models/{id}`: what a client may put in `model` (tasks, registered models
 * of configured providers, aliases), in OpenAI's shape, or Anthropic's (`type: "model"`, `display_name`,
 * `created_at`) when the request carries `anthropic-version`. `created` is when this server started: the
 * registry has no dates. A retrieved name may be any the surfaces accept (an alias, a bare model name).
 * @see https://platform.openai.com/docs/api-reference/models
 * @see https://docs.anthropic.com/en/api/models-list
 */
export const openAiModelsRoute: FastifyPluginAsyncZod = async (app) => {
  const created = Math.floor(Date.now() / 1000);
  const createdAt = new Date(created * 1000).toISOString();
  const asOpenAi = (entry: SurfaceModelEntry) => ({
    id: entry.id,
    object: 'model' as const,
    created,
    owned_by: entry.owner,
  });
  const asAnthropic = (entry: SurfaceModelEntry) => ({
    type: 'model',
    id: entry.id,
    display_name: entry.label,
    created_at: createdAt,
  });

  app.get(
    '/v1/models',
    {
      schema: {
        tags: ['openai'],
        summary:
          'Model list (OpenAI shape, or Anthropic shape with anthropic-version): tasks, models, aliases',
        response: { 200: z.union([openAiModelListSchema, z.looseObject({ data: z.array(modelSchema) })]) },
      },
    },
    async (request) => {
      const entries = listSurfaceModels(app.registryState.current);
      if (!isAnthropic(request.headers)) return { object: 'list' as const, data: entries.map(asOpenAi) };
      return {
        data: entries.map(asAnthropic),
        has_more: false,
        first_id: entries[0]?.id ?? null,
        last_id: entries.at(-1)?.id ?? null,
      };
    },
  );

  app.get(
    '/v1/models/*',
    {
      schema: {
        tags: ['openai'],
        summary: 'One model, task or alias (OpenAI shape, or Anthropic shape with anthropic-version)',
        response: { 200: modelSchema },
      },
    },
    async (request) => {
      const raw = (request.params as { '*': string })['*'];
      const id = raw.includes('%') ? decodeURIComponent(raw) : raw;
      const registry = app.registryState.current;
      const entries = listSurfaceModels(registry);
      let entry = entries.find((candidate) => candidate.id === id);
      if (!entry) {
        // A bare model name the surfaces accept: answered under the name the client asked about.
        const override = parseSurfaceModel(registry, id, 'chat').override;
        const match = entries.find((candidate) => candidate.id === override);
        if (match && override !== id) entry = { ...match, id };
      }
      if (!entry) {
        throw new NotFoundError(
          `No model "${id}" here: GET /v1/models lists the tasks, models and aliases.`,
          { model: id },
        );
      }
      return isAnthropic(request.headers) ? asAnthropic(entry) : asOpenAi(entry);
    },
  );
};
