import { readFile } from 'node:fs/promises';
import { ConfigError, convertV1Config, isV1Config } from '@switchboard/core';
import { parseDocument, stringify } from 'yaml';
import { parseConfigText } from '../../config/load-config.js';
import type { CliIo } from '../cli-io.js';

/**
 * `switchboard config migrate V1FILE`: prints the version 2 file; what changed goes to stderr. Prints nothing
 * and fails (exit 1, with every reason) when part of the file cannot be converted or the result would not
 * pass `config check`: a file that does not load is worse than none.
 */
export async function configMigrate(
  file: string,
  io: CliIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError([{ path: '', message: `cannot read the file: ${(error as Error).message}` }], file);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) {
    // The loader reports syntax errors with their line and column.
    parseConfigText(text, { file, env });
  }
  const raw: unknown = doc.toJS();
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
  const { config } = convertV1Config(raw as Record<string, unknown>);
  const output = `# Switchboard configuration, version 2, converted from ${file} by "switchboard config migrate".\n${stringify(config, { lineWidth: 0 })}`;
  // The v1 file itself through the loader: its conversion problems, at their lines in the v1 file, and what
  // its v2 form would fail.
  const loaded = parseConfigText(text, { file, env });
  // And the text about to be printed, exactly as `config check` will read it.
  parseConfigText(output, { file: `${file} (converted)`, env });
  io.out(output);
  for (const line of loaded.converted ?? []) io.err(`converted: ${line}\n`);
  for (const warning of loaded.warnings) io.err(`warning: ${warning}\n`);
  return 0;
}
