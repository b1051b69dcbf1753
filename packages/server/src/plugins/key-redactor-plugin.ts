import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ProviderRuntime } from '../providers/provider-runtime.js';
import type { KeyRedactor } from '../security/key-redactor.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Knows every provider key this gateway holds and scrubs them from error answers, error events and log
     * lines. Key pools added at runtime call `learn` on it.
     */
    keyRedactor: KeyRedactor;
  }
}

export interface KeyRedactorPluginOptions {
  /** The redactor the logger was built with (`createGatewayLogger`), so log lines and answers share it. */
  redactor: KeyRedactor;
}

/** Configured headers whose values are credentials too (a gateway's own `cf-aig-authorization`, ...). */
const SECRET_HEADER_NAME = /auth|key|token|secret|password/i;

/** The secrets one provider runtime holds: its key and any credential among its configured headers. */
export function secretsOf(runtime: ProviderRuntime): string[] {
  const secrets = runtime.keys.entries().map((entry) => entry.key);
  for (const [name, value] of Object.entries(runtime.headers)) {
    if (SECRET_HEADER_NAME.test(name)) secrets.push(value.replace(/^Bearer\s+/i, ''));
  }
  return secrets;
}

/** Puts the redactor on the app and teaches it the key (and credential headers) of every provider. */
export const keyRedactorPlugin = fp(
  async (app: FastifyInstance, options: KeyRedactorPluginOptions) => {
    app.decorate('keyRedactor', options.redactor);
    for (const runtime of app.providers.all()) {
      for (const secret of secretsOf(runtime)) options.redactor.learn(secret);
    }
  },
  { name: 'switchboard-key-redactor', dependencies: ['switchboard-providers'] },
);
