// Starting and stopping what the proxy benchmark measures: the mock upstream, nginx, Switchboard and the
// Portkey gateway, each in its own process on a free loopback port. Every process started here is tracked
// and stopped by its own PID, never by name.
import { execFile, execFileSync, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The CPU the servers under test (nginx, Switchboard, Portkey) are pinned to with taskset, so each gets one
 * core and none can spread over both: `BENCH_PIN_CPU` (default 0; `none` pins nothing). The mock and wrk
 * are left free.
 */
const PIN_CPU = process.env.BENCH_PIN_CPU ?? '0';
const TASKSET = '/usr/bin/taskset';

/** `[file, args]` run on the pinned CPU (taskset execs the program, so the PID stays the server's). */
export function pinned(file, args) {
  if (PIN_CPU === 'none' || !existsSync(TASKSET)) return [file, args];
  return [TASKSET, ['-c', PIN_CPU, file, ...args]];
}

/** Everything the bench started, so it can all be stopped on any exit path. */
const started = new Set();

// Last resort, when the bench dies without reaching stopAll() (an uncaught exception): signal every child
// still running, by PID. Synchronous, as 'exit' handlers must be.
process.once('exit', () => {
  for (const child of started) child.kill('SIGTERM');
});

/** How much of a child's output is kept to explain a failure. */
const OUTPUT_TAIL_BYTES = 4_000;

/** Installs bench/'s own dependencies (the Portkey gateway) when they are missing. */
export function ensureBenchDependencies(benchDir) {
  if (existsSync(join(benchDir, 'node_modules', '@portkey-ai', 'gateway', 'package.json'))) return;
  console.error('Installing bench dependencies (the Portkey gateway) into bench/node_modules ...');
  execFileSync('npm', ['--prefix', benchDir, 'install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

/** A port free right now on 127.0.0.1 (for servers that cannot report the port they bound). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last few KB a child printed, to quote when it fails to start. */
function keepTail(child) {
  child.outputTail = '';
  const append = (data) => {
    child.outputTail = (child.outputTail + data).slice(-OUTPUT_TAIL_BYTES);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
}

function track(name, child) {
  child.benchName = name;
  started.add(child);
  child.once('exit', () => started.delete(child));
  keepTail(child);
  return child;
}

function hasExited(child) {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Polls `url` until it answers anything at all (any status): the server listens and routes. */
async function waitUntilAnswering(child, url, init = {}, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) break;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${child.benchName} did not answer at ${url}; its output:\n${child.outputTail}`);
}

/** The mock upstream, in its own process; resolves with its URLs and a handle to ask it things. */
export async function startMock(benchDir) {
  const child = track(
    'mock upstream',
    fork(join(benchDir, 'proxy', 'mock-upstream.mjs'), { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }),
  );
  const ready = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`mock upstream exited (${code}):\n${child.outputTail}`)));
  });
  return {
    child,
    pid: child.pid,
    url: ready.url,
    openai: ready.openai,
    /** Write times (ns, as strings) of the frames of the latest streamed answer. */
    async lastStreamWrites() {
      const reply = nextMessage(child, 'last-stream');
      child.send({ type: 'last-stream' });
      return (await reply).writes;
    },
    /** Resolves once the mock watches for the next abort, with `aborted`: when it saw it (ns) or null. */
    async watchAbort() {
      const aborted = nextMessage(child, 'aborted').then((message) => message.at);
      const watching = nextMessage(child, 'watching');
      child.send({ type: 'watch-abort' });
      await watching;
      return { aborted };
    },
  };
}

/** The child's next IPC message of type `type`. */
function nextMessage(child, type) {
  return new Promise((resolve) => {
    const onMessage = (message) => {
      if (message?.type !== type) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
  });
}

/** nginx as a plain reverse proxy to the mock: one worker, no buffering, keep-alive both ways, no access log. */
function nginxConfig(dir, port, upstreamUrl) {
  const upstream = new URL(upstreamUrl).host;
  return `worker_processes 1;
error_log stderr warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream mock {
    server ${upstream};
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
    # Default 1000: wrk's connections would be closed and reopened every 1000 requests.
    keepalive_requests 1000000;
    location / {
      proxy_pass http://mock;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
    }
  }
}
`;
}

/** nginx in the foreground from a temp prefix; resolves with its base URL (the mock's paths). */
export async function startNginx(workDir, mock) {
  const dir = join(workDir, 'nginx');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  await writeFile(join(dir, 'nginx.conf'), nginxConfig(dir, port, mock.url));
  const child = track(
    'nginx',
    spawn(...pinned('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;']), {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/_mock/faults`);
  return { child, pid: child.pid, url };
}

/** Switchboard's config: local auth, SQLite in the temp dir, one OpenAI provider at the mock. */
function switchboardConfig(workDir, mock, { name = 'bench', storage = '', limits = '' } = {}) {
  // BENCH_WORKERS: server.workers of every Switchboard the bench starts (default 1), to measure scaling.
  const workers = process.env.BENCH_WORKERS ? `server: { workers: ${process.env.BENCH_WORKERS} }\n` : '';
  return `version: 2
${workers}auth: { mode: local }
storage: { url: "sqlite:${join(workDir, `${name}.db`)}"${storage} }
models:
  openai:
    endpoint: "${mock.openai}"
    api_key: sk-bench
${limits}`;
}

/**
 * `switchboard serve` from the built dist, at LOG_LEVEL `logLevel`; resolves with its base URL and PID.
 * `variant` adds to the config: `name` (its own files), `storage` (e.g. `, redis: "redis://..."`), `limits`
 * (a `limits:` section).
 */
export async function startSwitchboard(repoDir, workDir, mock, logLevel, variant = {}) {
  const config = join(workDir, `${variant.name ?? 'switchboard'}.yaml`);
  await writeFile(config, switchboardConfig(workDir, mock, variant));
  const port = await freePort();
  const child = track(
    'Switchboard',
    spawn(
      ...pinned(process.execPath, [
        join(repoDir, process.env.BENCH_SERVER_BIN ?? 'packages/server/dist/bundle/bin.js'),
        'serve',
        '--config',
        config,
        '--port',
        String(port),
      ]),
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: logLevel } },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/healthz`);
  return { child, pid: child.pid, url };
}

/** The bare Node pass-through proxy (`node-floor.mjs`) in front of the mock; resolves with its base URL. */
export async function startNodeFloor(benchDir, mock) {
  const port = await freePort();
  const child = track(
    'Node floor',
    spawn(
      ...pinned(process.execPath, [
        join(benchDir, 'proxy', 'node-floor.mjs'),
        String(port),
        new URL(mock.url).origin,
      ]),
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/_mock/faults`);
  return { child, pid: child.pid, url };
}

/** The Portkey gateway's own Node server (`build/start-server.js --headless`); resolves with its base URL. */
export async function startPortkey(benchDir) {
  const port = await freePort();
  const entry = join(benchDir, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  const child = track(
    'Portkey',
    spawn(...pinned(process.execPath, [entry, `--port=${port}`, '--headless']), {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, `${url}/`);
  return { child, pid: child.pid, url };
}

/** Runs a short-lived tool (wrk) to its end, tracked so an interrupted bench stops it too; resolves with stdout. */
export function runTracked(file, args) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    started.add(child);
    child.once('exit', () => started.delete(child));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
async function stop(child, graceMs = 3_000) {
  if (hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every process the bench started, each by its own PID. */
export async function stopAll() {
  await Promise.all([...started].reverse().map((child) => stop(child)));
}

/** Resident set size of a process in MB, from /proc (Linux). */
export async function rssMb(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for PID ${pid}`);
  return Number(match[1]) / 1024;
}
