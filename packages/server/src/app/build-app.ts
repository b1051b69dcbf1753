import { randomUUID } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import { DEFAULT_BODY_LIMIT_BYTES } from '@switchboard/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { LoadedConfig } from '../config/load-config.js';
import { closeUnupgradedSocket } from '../http/close-unupgraded-socket.js';
import { takeQueryToken } from '../http/take-query-token.js';
import { authPlugin } from '../plugins/auth-plugin.js';
import { configPlugin } from '../plugins/config-plugin.js';
import { errorHandlerPlugin } from '../plugins/error-handler-plugin.js';
import { healthPlugin } from '../plugins/health-plugin.js';
import { metricsPlugin } from '../plugins/metrics-plugin.js';
import { openapiPlugin } from '../plugins/openapi-plugin.js';
import { providersPlugin } from '../plugins/providers-plugin.js';
import { DEFAULT_TOKEN_RATE_LIMIT, rateLimitPlugin } from '../plugins/rate-limit-plugin.js';
import { storePlugin } from '../plugins/store-plugin.js';
import { telemetryPlugin } from '../plugins/telemetry-plugin.js';
import { webPlugin } from '../plugins/web-plugin.js';
import { anthropicCompatibleRoutes } from '../routes/anthropic-compatible/index.js';
import { chatCompletionRoutes } from '../routes/chat-completion/index.js';
import { generateRoutes } from '../routes/generate/index.js';
import { healthRoutes } from '../routes/health/index.js';
import { irSqlRoutes } from '../routes/ir-sql/index.js';
import { meRoutes } from '../routes/me/index.js';
import { modelsRoutes } from '../routes/models/index.js';
import { openAiCompatibleRoutes } from '../routes/openai-compatible/index.js';
import { preferencesRoutes } from '../routes/preferences/index.js';
import { proxyRoutes } from '../routes/proxy/index.js';
import { resolveRoutes } from '../routes/resolve/index.js';
import { usageRoutes } from '../routes/usage/index.js';
import { wsChatRoutes } from '../routes/ws-chat/index.js';
import type { Store } from '../store/create-store.js';

/** The package version, shown in OpenAPI. */
export const SWITCHBOARD_VERSION = '0.1.0';

/** Incoming request IDs are kept when they look like one (so traces join up), else replaced. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export interface BuildAppOptions {
  config: LoadedConfig;
  store: Store;
  /** Close the store with the app. Default true. */
  closeStore?: boolean;
  /** Fastify's logger option; default off (the server passes its pino instance). */
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** Folder of the built web pages; default `packages/server/public`. */
  webRoot?: string;
  /** Probe providers (and discover models) in the background. Default true. */
  probeProviders?: boolean;
  /**
   * `OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, read by `server.ts`: tracing is on
   * when one of them or `telemetry.otlp` is set.
   */
  otlpEnv?: { endpoint?: string | undefined; tracesEndpoint?: string | undefined };
}

/** Builds the app with every plugin and route. Does not listen: `server.ts` does, tests use `inject`. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? false }),
    bodyLimit: config.config.server?.body_limit_bytes ?? DEFAULT_BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    // Let in-flight requests finish on close, but do not wait on idle keep-alive sockets.
    forceCloseConnections: 'idle',
    // The WebSocket chat's `?token=` leaves the URL before routing, so no log line ever holds it.
    rewriteUrl: takeQueryToken,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', closeUnupgradedSocket);

  const authMode = config.config.auth?.mode ?? 'local';
  await app.register(errorHandlerPlugin);
  await app.register(configPlugin, { config });
  await app.register(storePlugin, { store: options.store, closeStore: options.closeStore });
  await app.register(providersPlugin);
  await app.register(healthPlugin, { probe: options.probeProviders });
  await app.register(metricsPlugin);
  // Before auth and limits, so a refused request has its span too.
  await app.register(telemetryPlugin, {
    config: config.config.telemetry,
    envEndpoint: options.otlpEnv?.endpoint,
    envTracesEndpoint: options.otlpEnv?.tracesEndpoint,
    serviceVersion: SWITCHBOARD_VERSION,
  });
  await app.register(authPlugin, {
    mode: authMode,
    verifyToken: async (secret) => {
      const token = await options.store.tokens.verify(secret);
      return token && { userId: token.userId, role: token.role, tokenId: token.id };
    },
  });
  await app.register(rateLimitPlugin, {
    limit: config.config.auth?.rate_limit ?? (authMode === 'token' ? DEFAULT_TOKEN_RATE_LIMIT : undefined),
  });
  await app.register(openapiPlugin, { version: SWITCHBOARD_VERSION });

  await app.register(healthRoutes);
  await app.register(modelsRoutes);
  await app.register(resolveRoutes);
  await app.register(meRoutes);
  await app.register(preferencesRoutes);
  await app.register(chatCompletionRoutes);
  await app.register(generateRoutes);
  await app.register(irSqlRoutes);
  await app.register(usageRoutes);
  await app.register(openAiCompatibleRoutes);
  await app.register(anthropicCompatibleRoutes);
  // WebSocket support in a scope of its own: its hooks and route wrapper stay off every other route.
  await app.register(async (scope) => {
    await scope.register(fastifyWebsocket, {
      options: { maxPayload: config.config.server?.body_limit_bytes ?? DEFAULT_BODY_LIMIT_BYTES },
    });
    await scope.register(wsChatRoutes);
  });
  await app.register(proxyRoutes, {
    bodyLimit: config.config.server?.body_limit_bytes ?? DEFAULT_BODY_LIMIT_BYTES,
  });
  await app.register(webPlugin, { root: options.webRoot });
  return app;
}
