import cluster from 'node:cluster';
import { createIpcChangeRelay } from '../../cluster/ipc-change-relay.js';
import { resolveWorkerCount } from '../../cluster/resolve-worker-count.js';
import { runPrimary, WORKER_LISTENING_MESSAGE } from '../../cluster/run-primary.js';
import { loadConfig } from '../../config/load-config.js';
import { startServer } from '../../server.js';
import type { CliIo, GlobalOptions } from '../cli-io.js';

export interface ServeOptions extends GlobalOptions {
  host?: string | undefined;
  port?: string | undefined;
}

/**
 * `switchboard serve`: runs until SIGINT/SIGTERM, then finishes in-flight requests and exits 0. With
 * `server.workers` above 1 this process becomes the cluster's primary and each worker runs this same
 * command (node:cluster forks it with the same arguments), serving the shared port.
 */
export async function serve(options: ServeOptions, io: CliIo): Promise<number> {
  const port = options.port === undefined ? undefined : Number(options.port);
  if (cluster.isPrimary) {
    // Loaded here only to read `server.workers` (a bad file fails here, once); each worker loads it again.
    const config = await loadConfig({
      file: options.config,
      env: process.env,
      hostOverridden: options.host !== undefined || process.env.HOST !== undefined,
    });
    const count = resolveWorkerCount(config.config, config.file);
    if (count > 1) return runPrimary({ count, report: (line) => io.err(`switchboard: ${line}\n`) });
  }
  const worker = cluster.isWorker;
  const server = await startServer({
    configFile: options.config,
    host: options.host,
    port,
    changeRelay: worker ? createIpcChangeRelay() : undefined,
  });
  if (worker) {
    process.send?.({ type: WORKER_LISTENING_MESSAGE, url: server.url });
    // The primary gone (killed, not stopped) leaves nobody to relay changes or send the signal: stop too.
    process.once('disconnect', () => void server.close());
  }
  await server.closed;
  return 0;
}
