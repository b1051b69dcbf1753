import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI, REPO_ROOT } from '../run-cli.js';

/** How long a server may take to say it listens before the test gives up. */
const LISTEN_TIMEOUT_MS = 20_000;
/** The pino line `server.ts` writes once it listens; its `url` field says where. */
const LISTENING_MESSAGE = /^Switchboard listening on /;

/** One pino log line. */
export type LogRecord = Record<string, unknown> & { msg?: string; reqId?: string };

/** A `switchboard serve` child process, as a user would start it. */
export interface CliServer {
  /** `http://127.0.0.1:<port>` from the listening log line. */
  url: string;
  child: ChildProcess;
  /** Every JSON log line so far (stdout). */
  readonly logs: readonly LogRecord[];
  /** Everything on stderr so far. */
  readonly stderr: string;
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(predicate: (record: LogRecord) => boolean, timeoutMs?: number): Promise<LogRecord>;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Sends a signal (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartCliServerOptions {
  configFile: string;
  /** Extra arguments after `serve` (default `--port 0`: a free port the OS picks). */
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
}

/** The result of a `serve` that did not get to listen (a refused config or bind). */
export interface FailedStart {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns the built CLI; resolves once it listens, rejects with its output if it exits first. */
export function startCliServer(options: StartCliServerOptions): Promise<CliServer> {
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--config', options.configFile, ...(options.args ?? ['--port', '0'])],
    {
      cwd: options.cwd ?? REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: LogRecord[] = [];
  const waiters: Array<{ predicate: (record: LogRecord) => boolean; resolve: (record: LogRecord) => void }> =
    [];
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout += `${line}\n`;
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      return;
    }
    logs.push(record);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(record)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(record);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLog = (predicate: (record: LogRecord) => boolean, timeoutMs = LISTEN_TIMEOUT_MS) => {
    const found = logs.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<LogRecord>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(
          new Error(`No matching log line within ${timeoutMs} ms. stdout:\n${stdout}\nstderr:\n${stderr}`),
        );
      }, timeoutMs);
      const waiter = {
        predicate,
        resolve: (record: LogRecord) => {
          clearTimeout(timer);
          resolve(record);
        },
      };
      waiters.push(waiter);
    });
  };

  const server: CliServer = {
    url: '',
    child,
    get logs() {
      return logs;
    },
    get stderr() {
      return stderr;
    },
    waitForLog,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };

  // Settles once: a later exit (a normal stop) or a late timeout must not reject into the void.
  return new Promise<CliServer>((resolve, reject) => {
    let settled = false;
    waitForLog((record) => LISTENING_MESSAGE.test(record.msg ?? '')).then(
      (record) => {
        if (settled) return;
        settled = true;
        server.url = String(record.url);
        resolve(server);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        child.kill('SIGKILL');
        reject(error);
      },
    );
    void exited.then((code) => {
      if (settled) return;
      settled = true;
      const failure: FailedStart = { code, stdout, stderr };
      reject(
        Object.assign(new Error(`switchboard serve exited (${code}) before listening:\n${stderr}${stdout}`), {
          failure,
        }),
      );
    });
  });
}
