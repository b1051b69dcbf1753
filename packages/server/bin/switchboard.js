#!/usr/bin/env node
// The `switchboard` command. A committed file, so that npm links the bin at install time, before the
// TypeScript build has made dist/ (npm skips a bin whose file does not exist yet).
import { existsSync } from 'node:fs';

// The bundle (scripts/bundle-server.mjs) starts in a fraction of the time the module tree takes.
const entry = new URL('../dist/bundle/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('switchboard: not built yet. Run "npm run build" at the repository root first.\n');
  process.exit(1);
}
await import(entry.href);
