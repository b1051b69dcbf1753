import type { Registry } from '@switchboard/core';
import { TASK_MODEL_PREFIX } from '../../gateway/surfaces/parse-surface-model.js';

/** `owned_by` of the `task:<name>` entries. */
export const TASK_OWNER = 'switchboard';

/** One name a client may put in `model`, with who serves it. */
export interface SurfaceModelEntry {
  id: string;
  owner: string;
  label: string;
}

/**
 * Every name a client may put in `model`: `task:<name>` for every task, every registered model of a
 * configured provider (a model whose provider has no key could not answer), and every alias.
 */
export function listSurfaceModels(registry: Registry): SurfaceModelEntry[] {
  const tasks = [...registry.tasks.values()].map((task) => ({
    id: `${TASK_MODEL_PREFIX}${task.name}`,
    owner: TASK_OWNER,
    label: task.label,
  }));
  const models = [...registry.models.values()]
    .filter((model) => model.registered && registry.providers.get(model.provider)?.configured)
    .map((model) => ({ id: model.id, owner: model.provider, label: model.label ?? model.name }));
  const aliases = Object.entries(registry.aliases).map(([alias, id]) => ({
    id: alias,
    owner: registry.models.get(id)?.provider ?? id.slice(0, id.indexOf(':')),
    label: `${alias} (${id})`,
  }));
  return [...tasks, ...models, ...aliases];
}
