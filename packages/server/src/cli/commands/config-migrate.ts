import { readFile } from 'node:fs/promises';
import { ConfigError, convertV1Config, isV1Config } from '@switchboard/core';
import { parse, stringify } from 'yaml';
import type { CliIo } from '../cli-io.js';

/** `switchboard config migrate V1FILE`: prints the version 2 file; what changed goes to stderr. */
export async function configMigrate(file: string, io: CliIo): Promise<number> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      [{ path: '', message: `cannot read a YAML file: ${(error as Error).message}` }],
      file,
    );
  }
  if (!isV1Config(raw)) {
    throw new ConfigError(
      [
        {
          path: '',
          message:
            'expected a version 1 file (models.chat_primary, models.openai.model, ...); this one needs no migration',
        },
      ],
      file,
    );
  }
  const { config, converted, warnings } = convertV1Config(raw as Record<string, unknown>);
  io.out(`# Switchboard configuration, version 2, converted from ${file} by "switchboard config migrate".\n`);
  io.out(stringify(config, { lineWidth: 0 }));
  for (const line of converted) io.err(`converted: ${line}\n`);
  for (const warning of warnings) io.err(`warning: ${warning}\n`);
  return 0;
}
