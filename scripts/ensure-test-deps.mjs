#!/usr/bin/env node
// Runs before `npm test` so that a fresh clone on a fresh machine passes:
// installs node modules when missing, and the system pieces the browser and database tests use when this
// machine can install them (root with apt). What cannot be had is reported here; the tests themselves then
// skip loudly, or fail under CI=true.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createConnection } from 'node:net';

const root = new URL('..', import.meta.url).pathname;
const log = (message) => console.log(`[ensure-test-deps] ${message}`);

function run(command) {
  log(`$ ${command}`);
  return spawnSync('sh', ['-c', command], { stdio: 'inherit', cwd: root }).status === 0;
}

const lock = `${root}package-lock.json`;
const installed = `${root}node_modules/.package-lock.json`;
if (
  !existsSync(installed) ||
  (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs + 1000)
) {
  log('node_modules missing or older than package-lock.json: installing');
  if (!run('npm install --no-audit --no-fund')) process.exit(1);
}

const isRoot = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!existsSync('/usr/bin/chromium')) {
  if (isRoot && hasApt) {
    log("Chromium missing: installing Debian's chromium for the browser tests");
    run('(apt-get update -q || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium');
  }
  if (!existsSync('/usr/bin/chromium'))
    log('WARNING: /usr/bin/chromium not available: browser tests will be skipped (and fail under CI=true)');
}

function reachable(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => done(false));
  });
}

if (!(await reachable(5432))) {
  if (existsSync('/usr/bin/pg_ctlcluster')) {
    log('PostgreSQL is not answering on 127.0.0.1:5432: starting the local cluster');
    try {
      const version = execSync('ls /etc/postgresql').toString().trim().split('\n')[0];
      run(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`);
    } catch {}
  }
  if (!(await reachable(5432)))
    log(
      'WARNING: PostgreSQL not reachable on 127.0.0.1:5432: its tests will be skipped (and fail under CI=true)',
    );
}
