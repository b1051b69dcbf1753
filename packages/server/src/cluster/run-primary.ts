import cluster, { type Worker } from 'node:cluster';
import { isStoreChangeMessage } from './ipc-change-relay.js';

/** The IPC message a worker sends once it listens. */
export const WORKER_LISTENING_MESSAGE = 'switchboard:listening';

export interface RunPrimaryOptions {
  /** Workers to fork (`server.workers`, resolved). */
  count: number;
  /** Where the primary reports a worker that died or failed to start. */
  report(line: string): void;
}

function isListeningMessage(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === WORKER_LISTENING_MESSAGE
  );
}

/**
 * The primary process of `server.workers: N`. It serves nothing itself: it forks N workers (each runs the
 * same `serve` command; node:cluster hands them one listening socket), passes each worker's committed store
 * changes to the others (SQLite has no NOTIFY), replaces a worker that dies once all had started, and on
 * SIGINT or SIGTERM asks every worker to finish its in-flight requests, then waits for all of them.
 * Resolves with the exit code: 0 after a stop, 1 when a worker failed before all had started (its own
 * error is on stderr already; the others are stopped).
 */
export function runPrimary(options: RunPrimaryOptions): Promise<number> {
  return new Promise((resolve) => {
    const workers = new Set<Worker>();
    let listening = 0;
    let allListening = false;
    let stopping = false;
    let exitCode = 0;

    const finish = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      cluster.off('message', onMessage);
      resolve(exitCode);
    };
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      if (workers.size === 0) return finish();
      for (const worker of workers) worker.process.kill('SIGTERM');
    };
    const fork = () => {
      const worker = cluster.fork();
      workers.add(worker);
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        if (stopping) {
          if (workers.size === 0) finish();
          return;
        }
        const how = signal ?? `code ${code}`;
        if (!allListening) {
          options.report(
            `worker ${worker.process.pid} exited (${how}) before every worker listened: stopping`,
          );
          return stop(1);
        }
        options.report(`worker ${worker.process.pid} exited (${how}): starting another`);
        fork();
      });
    };
    const onMessage = (from: Worker, message: unknown) => {
      if (isStoreChangeMessage(message)) {
        for (const worker of workers) if (worker !== from && worker.isConnected()) worker.send(message);
      } else if (isListeningMessage(message) && !allListening) {
        listening += 1;
        allListening = listening >= options.count;
      }
    };
    const onSignal = () => stop(0);

    cluster.on('message', onMessage);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    for (let index = 0; index < options.count; index += 1) fork();
  });
}
