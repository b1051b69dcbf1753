import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Looked for in the working directory when neither `--config` nor `SWITCHBOARD_CONFIG` names a file. */
export const DEFAULT_CONFIG_FILE = 'switchboard.yaml';
/** The example at the repository root: what `npm start` runs with before anyone writes a config. */
export const EXAMPLE_CONFIG_FILE = 'switchboard.example.yaml';

export type ConfigFileSource = 'flag' | 'env' | 'cwd' | 'example';

/** Which config file to read: `--config`, then `SWITCHBOARD_CONFIG`, then `./switchboard.yaml`, then the example. */
export function findConfigFile(options: {
  flag?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}): { file: string; source: ConfigFileSource } {
  if (options.flag) return { file: resolve(options.cwd, options.flag), source: 'flag' };
  const fromEnv = options.env.SWITCHBOARD_CONFIG;
  if (fromEnv) return { file: resolve(options.cwd, fromEnv), source: 'env' };
  const local = resolve(options.cwd, DEFAULT_CONFIG_FILE);
  if (existsSync(local)) return { file: local, source: 'cwd' };
  const candidates = [
    resolve(options.cwd, EXAMPLE_CONFIG_FILE),
    // packages/server/dist/config -> repository root
    fileURLToPath(new URL(`../../../../${EXAMPLE_CONFIG_FILE}`, import.meta.url)),
  ];
  return { file: candidates.find((file) => existsSync(file)) ?? candidates[0]!, source: 'example' };
}
