import { ConfigError, type ConfigIssue, describeUnsafeBind, formatCount } from '@switchboard/core';
import { loadConfig } from '../../config/load-config.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';

/**
 * `switchboard config check [FILE]`: every check `serve` runs, without starting anything: the file (schema,
 * references, its bind address against its auth mode) and the environment's `HOST`, all reported at once.
 */
export async function configCheck(
  file: string | undefined,
  options: GlobalOptions,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const hostOverride = env.HOST;
  const overrideIssue = (mode: 'local' | 'token'): ConfigIssue | undefined => {
    const unsafe = hostOverride === undefined ? undefined : describeUnsafeBind(hostOverride, mode);
    return unsafe ? { path: '', message: `HOST=${hostOverride} in the environment: ${unsafe}` } : undefined;
  };
  let loaded: Awaited<ReturnType<typeof loadConfig>>;
  try {
    loaded = await loadConfig({
      file: file ?? options.config,
      env,
      hostOverridden: hostOverride !== undefined,
    });
  } catch (error) {
    // The environment's HOST is a problem of its own; add it to the file's rather than in a second round.
    const extra = error instanceof ConfigError ? overrideIssue('local') : undefined;
    if (extra && error instanceof ConfigError) throw new ConfigError([...error.issues, extra], error.file);
    throw error;
  }
  const extra = overrideIssue(loaded.config.auth?.mode ?? 'local');
  if (extra) throw new ConfigError([extra], loaded.file);

  const providers = [...loaded.registry.providers.values()];
  const unconfigured = providers.filter((provider) => !provider.configured);
  const registered = [...loaded.registry.models.values()].filter((model) => model.registered).length;
  io.out(
    `ok: ${loaded.file} is valid${loaded.converted ? ' (version 1, converted)' : ''}: ${formatCount(providers.length, 'provider')}, ${formatCount(registered, 'registered model')}, ${formatCount(loaded.registry.tasks.size, 'task')}\n`,
  );
  for (const line of loaded.converted ?? []) io.out(`  converted: ${line}\n`);
  for (const provider of unconfigured) {
    io.out(`  unconfigured: ${provider.name} (${provider.kind}): ${provider.unconfigured_reason}\n`);
  }
  for (const warning of loaded.warnings) io.err(`warning: ${warning}\n`);
  return 0;
}
