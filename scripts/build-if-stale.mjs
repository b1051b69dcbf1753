#!/usr/bin/env node
// `npm start` and `npm run demo` run this first: it builds only when the sources changed since the last
// build (a hash of their contents, so a checkout that only touches mtimes does not rebuild), and a tree
// with a built dist but no sources (a prebuilt copy) is served as it is. `npm run build` records the hash
// with `--record`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Where the hash of the sources of the last build is kept; `npm run clean` removes it with the dist. */
const STAMP = 'packages/server/dist/.source-hash';
/** What a build reads. Tests are left out: they never reach a dist. */
const SOURCE_ROOTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'packages/core',
  'packages/server',
  'packages/client',
  'packages/web',
];
const SKIPPED = new Set(['node_modules', 'dist', 'public', 'test', 'test-results', '.cache']);
/** What a build writes; any one missing means there is no usable build. */
const OUTPUTS = [
  'packages/core/dist/index.js',
  'packages/server/dist/bin.js',
  'packages/server/dist/bundle/bin.js',
  'packages/client/dist/index.js',
  'packages/server/public/index.html',
];

function listFiles(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter(
      (entry) =>
        !SKIPPED.has(entry.name) && !entry.name.includes('.test.') && !entry.name.endsWith('.tsbuildinfo'),
    )
    .flatMap((entry) => listFiles(root, join(path, entry.name)));
}

/** The hash of every source file's path and content, or undefined when the tree has no sources. */
export function hashSources(root = REPO_ROOT) {
  const files = SOURCE_ROOTS.flatMap((path) => listFiles(root, path)).sort();
  if (!files.some((path) => path.includes('/src/'))) return undefined;
  const hash = createHash('sha256');
  for (const path of files) hash.update(`${path}\0`).update(readFileSync(join(root, path)));
  return hash.digest('hex');
}

/** Why a build is needed (`no build yet`, `sources changed`), or undefined when the last one still holds. */
export function staleReason(root = REPO_ROOT) {
  const missing = OUTPUTS.find((path) => !existsSync(join(root, path)));
  const hash = hashSources(root);
  if (hash === undefined) return missing ? `no sources and no build (${missing} is missing)` : undefined;
  if (missing) return `no build yet (${missing} is missing)`;
  const recorded = existsSync(join(root, STAMP)) ? readFileSync(join(root, STAMP), 'utf8').trim() : '';
  return recorded === hash ? undefined : 'sources changed since the last build';
}

/** Writes the hash of the sources as they are now, after a build. */
export function recordBuild(root = REPO_ROOT) {
  const hash = hashSources(root);
  if (hash !== undefined) writeFileSync(join(root, STAMP), `${hash}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--record')) {
    recordBuild();
  } else {
    const reason = staleReason();
    if (reason === undefined) {
      process.stderr.write('switchboard: the build is up to date; starting.\n');
    } else {
      process.stderr.write(`switchboard: building (${reason})...\n`);
      const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
      if (build.status !== 0) process.exit(build.status ?? 1);
    }
  }
}
