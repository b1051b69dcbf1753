import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A local `switchboard serve` for `npm run dev -w @switchboard/web`: the API calls are proxied to it. */
const DEV_API_TARGET = process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:8787';

/**
 * Builds the pages into the server's static folder (`packages/server/public`: `index.html` and `assets/`),
 * which `plugins/web-plugin.ts` serves at `/`, `/settings`, `/chat`, ... and `/assets/*`.
 */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../server/public',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships `@__PURE__` comments in places Rollup cannot use; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/v1': DEV_API_TARGET, '/api': DEV_API_TARGET },
  },
});
