import { loadConfig } from '../../config/load-config.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';

/** `switchboard config check [FILE]`: the server's own validation, without starting anything. */
export async function configCheck(
  file: string | undefined,
  options: GlobalOptions,
  io: CliIo,
): Promise<number> {
  const loaded = await loadConfig({ file: file ?? options.config });
  const providers = [...loaded.registry.providers.values()];
  const unconfigured = providers.filter((provider) => !provider.configured);
  const registered = [...loaded.registry.models.values()].filter((model) => model.registered).length;
  io.out(
    `ok: ${loaded.file} is valid${loaded.converted ? ' (version 1, converted)' : ''}: ${providers.length} providers, ${registered} registered models, ${loaded.registry.tasks.size} tasks\n`,
  );
  for (const line of loaded.converted ?? []) io.out(`  converted: ${line}\n`);
  for (const provider of unconfigured) {
    io.out(`  unconfigured: ${provider.name} (${provider.kind}): ${provider.unconfigured_reason}\n`);
  }
  for (const warning of loaded.warnings) io.err(`warning: ${warning}\n`);
  return 0;
}
