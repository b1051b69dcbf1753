import { type Registry, tryParseModelId } from '@switchboard/core';
import { InvalidRequestError } from '../../errors/invalid-request-error.js';

/** The prefix that names a task instead of a model in a surface's `model` field. */
export const TASK_MODEL_PREFIX = 'task:';

/** What a surface's `model` field asks for: a task to resolve for the caller, and the override, if any. */
export interface SurfaceModelChoice {
  task: string;
  /** The model ID, when the field named one (directly, through an alias, or by its bare name). */
  override: string | undefined;
}

/**
 * Reads the `model` of a Chat Completions, Responses, Messages or embeddings request, first rule that
 * applies: `task:<task>` resolves that task for the caller (a task whose capability is not the surface's
 * is a 400: `task:embeddings` cannot chat); a config alias (`models.aliases`) stands for its model ID; a
 * model ID of a configured provider is itself; a bare name (`gpt-5`, `llama3:latest`) is the model of
 * that name if exactly one configured provider registers one (several: a 400 listing their IDs). Anything
 * else goes to the resolver as it is, which says what is wrong with it. A model overrides `defaultTask`,
 * whose capability it must then have.
 */
export function parseSurfaceModel(
  registry: Registry,
  model: string,
  defaultTask: string,
): SurfaceModelChoice {
  if (model.startsWith(TASK_MODEL_PREFIX)) {
    const task = model.slice(TASK_MODEL_PREFIX.length);
    if (!task)
      throw new InvalidRequestError('"model" names no task: write task:<task>, e.g. task:chat.', { model });
    const wanted = registry.tasks.get(defaultTask)?.capability;
    const info = registry.tasks.get(task);
    if (info && wanted && info.capability !== wanted) {
      throw new InvalidRequestError(
        `Task "${task}" needs capability "${info.capability}", but this endpoint serves "${wanted}": name a ${wanted} task, e.g. task:${defaultTask}.`,
        { model, task, capability: info.capability, expected: wanted },
      );
    }
    return { task, override: undefined };
  }
  const alias = registry.aliases[model];
  if (alias) return { task: defaultTask, override: alias };
  const provider = tryParseModelId(model)?.provider;
  if (provider && registry.providers.get(provider)?.configured) return { task: defaultTask, override: model };
  const matches = [...registry.models.values()].filter(
    (entry) => entry.name === model && entry.registered && registry.providers.get(entry.provider)?.configured,
  );
  if (matches.length > 1) {
    const ids = matches.map((entry) => entry.id);
    throw new InvalidRequestError(
      `"${model}" is the name of a model at several providers: ${ids.join(', ')}. Name one by its ID, or add an alias under models.aliases.`,
      { model, candidates: ids },
    );
  }
  return { task: defaultTask, override: matches[0]?.id ?? model };
}
