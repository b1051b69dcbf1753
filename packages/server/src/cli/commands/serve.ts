import { startServer } from '../../server.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';

export interface ServeOptions extends GlobalOptions {
  host?: string | undefined;
  port?: string | undefined;
}

/** `switchboard serve`: runs until SIGINT/SIGTERM, then finishes in-flight requests and exits 0. */
export async function serve(options: ServeOptions, _io: CliIo): Promise<number> {
  const port = options.port === undefined ? undefined : Number(options.port);
  const server = await startServer({ configFile: options.config, host: options.host, port });
  await server.closed;
  return 0;
}
