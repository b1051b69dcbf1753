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

  program
    .command('serve')
    .description('run the gateway and its pages (what npm start runs)')
    .option('--host <host>', 'bind address (default: server.host, then $HOST, then 127.0.0.1)')
    .option('-p, --port <port>', 'port (default: $PORT, then server.port, then 8787)')
    .action(async (options: { host?: string; port?: string }) => {
      const { serve } = await import('./commands/serve.js');
      await run(serve({ ...globals(), ...options }, io));
    });

  program
    .command('demo')
    .description('run the gateway against built-in mock providers of every kind: try everything with no keys')
    .option('-p, --port <port>', 'gateway port (default 8787)')
    .option('--mock-port <port>', 'mock providers port (default: any free one)')
    .action(async (options: { port?: string; mockPort?: string }) => {
      const { demo } = await import('./commands/demo.js');
      await run(demo(options, io));
    });

  const tokens = program.command('tokens').description('API tokens for auth.mode: token');
  tokens
    .command('create')
    .description('create a token for a user; prints the secret once')
    .requiredOption('-u, --user <user>', 'the user the token acts as')
    .option('--admin', "may set runtime defaults and read or write anyone's preferences")
    .option('-n, --name <name>', 'a label to recognise the token by')
    .option('--json', 'print JSON (including the secret)')
    .action(async (options: { user: string; admin?: boolean; name?: string; json?: boolean }) => {
      const { createToken } = await import('./commands/tokens.js');
      await run(createToken({ ...globals(), ...options }, io));
    });
  tokens
    .command('list')
    .description('list tokens (never their secrets)')
    .option('-u, --user <user>', "only this user's tokens")
    .option('--json', 'print JSON')
    .action(async (options: { user?: string; json?: boolean }) => {
      const { listTokens } = await import('./commands/tokens.js');
      await run(listTokens({ ...globals(), ...options }, io));
    });
  tokens
    .command('revoke <id>')
    .description('revoke a token at once')
    .action(async (id: string) => {
      const { revokeToken } = await import('./commands/tokens.js');
      await run(revokeToken(id, globals(), io));
    });

  const db = program.command('db').description('the database schema (the server migrates at start too)');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      const { dbMigrate } = await import('./commands/db.js');
      await run(dbMigrate(globals(), io));
    });
  db.command('rollback')
    .description('revert the last applied migration')
    .action(async () => {
      const { dbRollback } = await import('./commands/db.js');
      await run(dbRollback(globals(), io));
    });
  db.command('status')
    .description('list migrations and whether each has run')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { dbStatus } = await import('./commands/db.js');
      await run(dbStatus({ ...globals(), ...options }, io));
    });

  const catalog = program
    .command('catalog')
    .description('the imported model catalogue (models.dev): prices, limits, features');
  catalog
    .command('import <source>')
    .description(
      'import a models.dev api.json (a file or an http(s) URL) into the database; gateways pick it up',
    )
    .option('--json', 'print the summary as JSON')
    .action(async (source: string, options: { json?: boolean }) => {
      const { catalogImport } = await import('./commands/catalog.js');
      await run(catalogImport(source, { ...globals(), ...options }, io));
    });
  catalog
    .command('unpriced')
    .description('list models that served calls with no known price (give them one by config or import)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { catalogUnpriced } = await import('./commands/catalog.js');
      await run(catalogUnpriced({ ...globals(), ...options }, io));
    });

  return program;
}
