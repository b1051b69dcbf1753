import { InvalidRequestError } from '../../errors/invalid-request-error.js';

/** The prefix that names a task instead of a model in an OpenAI `model` field. */
export const TASK_MODEL_PREFIX = 'task:';

/** What an OpenAI `model` field asks for: a task to resolve for the caller, and the override, if any. */
export interface OpenAiModelChoice {
  task: string;
  /** The model ID, when the field named one. */
  override: string | undefined;
}

/**
 * Reads an OpenAI `model` field: `task:<task>` resolves that task for the caller (their preference, the
 * runtime default, the config's); a model ID overrides `defaultTask` (`chat`, or `embeddings`), so it must
 * be able to serve that task. Unknown tasks and malformed IDs are refused by the resolver (400).
 */
export function parseOpenAiModel(model: string, defaultTask: string): OpenAiModelChoice {
  if (!model.startsWith(TASK_MODEL_PREFIX)) return { task: defaultTask, override: model };
  const task = model.slice(TASK_MODEL_PREFIX.length);
  if (!task)
    throw new InvalidRequestError('"model" names no task: write task:<task>, e.g. task:chat.', { model });
  return { task, override: undefined };
}
