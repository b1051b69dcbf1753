import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Where `packages/web` builds to (`vite build`): `packages/server/public`. */
export const WEB_ROOT = fileURLToPath(new URL('../../public/', import.meta.url));

/** The pages of the single-page app; each serves `index.html` and the app routes on the client. */
export const WEB_PAGES = [
  '/',
  '/settings',
  '/providers',
  '/defaults',
  '/chat',
  '/sql',
  '/usage',
  '/limits',
] as const;

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Switchboard</title>
<p>The web pages are not built. Run <code>npm run build</code> (npm start does it) and reload.</p>`;

/**
 * Serves the settings and chat pages at `/`. The files are public (the page itself holds no data); every
 * API call the page makes goes through auth like any other client.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, options: { root?: string }) => {
    const root = options.root ?? WEB_ROOT;
    const built = existsSync(`${root}index.html`);
    if (built) {
      await app.register(fastifyStatic, {
        root,
        prefix: '/assets/',
        decorateReply: true,
        serve: false,
      });
      app.get('/assets/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
        const file = (request.params as { '*': string })['*'];
        return reply
          .header('cache-control', 'public, max-age=31536000, immutable')
          .sendFile(`assets/${file}`);
      });
      for (const asset of ['favicon.svg']) {
        if (existsSync(`${root}${asset}`)) {
          app.get(`/${asset}`, { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
            reply.sendFile(asset),
          );
        }
      }
    }
    for (const page of WEB_PAGES) {
      app.get(page, { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
        built
          ? reply.header('cache-control', 'no-cache').sendFile('index.html')
          : reply.type('text/html; charset=utf-8').send(NOT_BUILT),
      );
    }
  },
  { name: 'switchboard-web' },
);
