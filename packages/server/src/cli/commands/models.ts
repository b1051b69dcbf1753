import { formatPrice, formatTokenCount, UnknownTaskError } from '@switchboard/core';
import { loadConfig } from '../../config/load-config.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';
import { formatTable } from '../format-table.js';

export interface ModelsOptions extends GlobalOptions {
  /** Only models that can serve this task. */
  task?: string | undefined;
  json?: boolean | undefined;
}

/** `switchboard models [--task T] [--json]`: every model the config knows, with its facts. */
export async function listModels(options: ModelsOptions, io: CliIo): Promise<number> {
  const { registry } = await loadConfig({ file: options.config });
  let models = [...registry.models.values()];
  if (options.task) {
    const task = registry.tasks.get(options.task);
    if (!task) throw new UnknownTaskError(options.task, [...registry.tasks.keys()]);
    models = models.filter((model) => model.capabilities.includes(task.capability));
  }
  if (options.json) {
    io.out(`${JSON.stringify(models, null, 2)}\n`);
    return 0;
  }
  const rows = models.map((model) => {
    const provider = registry.providers.get(model.provider);
    return [
      model.id,
      model.capabilities.join(','),
      formatTokenCount(model.context_window),
      formatPrice(model.cost),
      model.features.join(',') || '-',
      provider?.configured ? 'yes' : `no: ${provider?.unconfigured_reason ?? 'unknown provider'}`,
    ];
  });
  io.out(
    `${formatTable(['ID', 'CAPABILITIES', 'CONTEXT', 'PRICE IN/OUT', 'FEATURES', 'CONFIGURED'], rows)}\n`,
  );
  return 0;
}
