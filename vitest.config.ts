import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, entry = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${entry}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources; the CLI end-to-end tests run the built dist like a user would.
    alias: [
      { find: /^@switchboard\/core$/, replacement: src('core') },
      { find: /^@switchboard\/client$/, replacement: src('client') },
      { find: /^@switchboard\/client\/react$/, replacement: src('client', 'react/index.ts') },
      { find: /^@switchboard\/client\/ai-sdk$/, replacement: src('client', 'ai-sdk/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
