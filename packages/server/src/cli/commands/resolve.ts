import { type ResolveInput, resolveModel } from '@switchboard/core';
import { loadConfig } from '../../config/load-config.js';
import { toRuntimeDefaults } from '../../store/default-override-key.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';
import { withConfiguredStore } from '../open-configured-store.js';

export interface ResolveOptions extends GlobalOptions {
  /** A request's override. */
  model?: string | undefined;
  /** Read this user's stored preference and the runtime defaults from the database. */
  user?: string | undefined;
  json?: boolean | undefined;
}

/** `switchboard resolve TASK [--model ID]`: which model a call for TASK would use, and why. */
export async function resolveTask(task: string, options: ResolveOptions, io: CliIo): Promise<number> {
  const { registry } = await loadConfig({ file: options.config });
  const input: ResolveInput = { override: options.model };
  if (options.user) {
    const user = options.user;
    await withConfiguredStore(options, async (store) => {
      input.preference = (await store.preferences.get(user)).tasks[task]?.modelId;
      input.runtimeDefaults = toRuntimeDefaults(await store.defaultOverrides.list());
    });
  }
  const resolution = resolveModel(registry, task, input);
  if (options.json) {
    const { info: _info, ...rest } = resolution;
    io.out(`${JSON.stringify(rest, null, 2)}\n`);
    return 0;
  }
  io.out(`task:       ${resolution.task} (needs ${resolution.capability})\n`);
  io.out(`model:      ${resolution.model}${resolution.registered ? '' : ' (not registered)'}\n`);
  io.out(`source:     ${resolution.source} (${resolution.via})\n`);
  if (resolution.fallbacks.length) io.out(`fallbacks:  ${resolution.fallbacks.join(', ')}\n`);
  for (const skipped of resolution.skipped) {
    io.out(`skipped:    ${skipped.model} from ${skipped.source}: ${skipped.reason}\n`);
  }
  if (!resolution.usable) {
    const fallbacks = resolution.fallbacks.length
      ? ` (calls will try the fallbacks: ${resolution.fallbacks.join(', ')})`
      : '';
    io.out(`warning:    a call would fail: ${resolution.unusable_reason}${fallbacks}\n`);
  }
  return 0;
}
