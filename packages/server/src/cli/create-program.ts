import { Command } from 'commander';
import type { CliIo, GlobalOptions } from './cli-io.js';

/**
 * Declares every command. Each action imports its module lazily, so `switchboard --help` and
 * `config check` never load Fastify, the database drivers or the AI SDK.
 */
export function createProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('switchboard')
    .description('Self-hosted AI model registry and gateway.')
    .option(
      '-c, --config <file>',
      'config file (default: $SWITCHBOARD_CONFIG, ./switchboard.yaml, the example)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const globals = (): GlobalOptions => program.opts<GlobalOptions>();
  const run = (code: Promise<number>) => code.then(setExitCode);

  const config = program.command('config').description('check, migrate and describe config files');
  config
    .command('check [file]')
    .description('validate a config file as the server would, without starting anything')
    .action(async (file?: string) => {
      const { configCheck } = await import('./commands/config-check.js');
      await run(configCheck(file, globals(), io));
    });
  config
    .command('migrate <v1file>')
    .description('print the version 2 form of a version 1 config file')
    .action(async (file: string) => {
      const { configMigrate } = await import('./commands/config-migrate.js');
      await run(configMigrate(file, io));
    });
  config
    .command('schema')
    .description('print the JSON Schema of the config file (for editor completion)')
    .action(async () => {
      const { configSchema } = await import('./commands/config-schema.js');
      await run(configSchema(io));
    });

  program
    .command('models')
    .description('list every model the config knows: capabilities, context, price, features, configured')
    .option('-t, --task <task>', 'only models that can serve this task')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { task?: string; json?: boolean }) => {
      const { listModels } = await import('./commands/models.js');
      await run(listModels({ ...globals(), ...options }, io));
    });

  program
    .command('resolve <task>')
    .description('show which model a call for TASK uses, which rule chose it, and what was skipped')
    .option('-m, --model <id>', "a request's model override, e.g. openai:gpt-4o-mini")
    .option('-u, --user <user>', "take this user's stored preference into account")
    .option('--json', 'print JSON')
    .action(async (task: string, options: { model?: string; user?: string; json?: boolean }) => {
      const { resolveTask } = await import('./commands/resolve.js');
      await run(resolveTask(task, { ...globals(), ...options }, io));
    });

  return program;
}
