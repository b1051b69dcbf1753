#!/usr/bin/env node
// Bundles the built server (packages/server/dist/bin.js) into packages/server/dist/bundle/, which
// `npm start`, `npm run demo`, the `switchboard` command and the CLI tests run. Why: a start loaded about
// 1,400 modules one file at a time (zod, Kysely, undici, Fastify and ours), 1.6 s with the 5,000-model
// catalogue imported; the bundle is a few files and starts in under 1 s (`npm run bench:catalog`, README).
// Code splitting keeps the dynamic imports lazy (the AI SDK, OpenTelemetry): they load on first use.
// The bundle sits one folder below dist/, as dist/config/ and dist/plugins/ do, so the paths they take
// from `import.meta.url` (the example config, the web pages in public/) resolve the same.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const SERVER = fileURLToPath(new URL('../packages/server/', import.meta.url));
const OUT_DIR = `${SERVER}dist/bundle`;

/**
 * Left to Node's own loader: native addons (better-sqlite3), what is loaded by `require` from a package
 * path at runtime (pg, ioredis, pino and its worker-thread transports, pino-pretty), and swagger-ui, which
 * serves files from its own folder.
 */
const EXTERNAL = [
  'better-sqlite3',
  'pg',
  'pg-native',
  'ioredis',
  'pino',
  'pino-pretty',
  'thread-stream',
  '@fastify/swagger-ui',
];

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: [`${SERVER}dist/bin.js`],
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // Whitespace and syntax only: names stay, so stack traces and error classes read as in the sources.
  minifySyntax: true,
  minifyWhitespace: true,
  keepNames: true,
  sourcemap: 'linked',
  // Bundled CommonJS packages call `require` for Node's built-ins; ESM has none, so the bundle makes one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
