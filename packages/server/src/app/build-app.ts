import { randomUUID } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import { DEFAULT_BODY_LIMIT_BYTES } from '@switchboard/core';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { LoadedConfig } from '../config/load-config.js';
import { toErrorBody } from '../errors/to-error-body.js';
import { closeUnupgradedSocket } from '../http/close-unupgraded-socket.js';
import { createJsonTooDeepError, jsonDepthExceeds } from '../http/json-depth.js';
import { takeQueryToken } from '../http/take-query-token.js';
import { authPlugin } from '../plugins/auth-plugin.js';
import { catalogPlugin } from '../plugins/catalog-plugin.js';
import { configPlugin } from '../plugins/config-plugin.js';
import { errorHandlerPlugin } from '../plugins/error-handler-plugin.js';
import { healthPlugin } from '../plugins/health-plugin.js';
import { keyRedactorPlugin } from '../plugins/key-redactor-plugin.js';
import { limitsPlugin } from '../plugins/limits-plugin.js';
import { metricsPlugin } from '../plugins/metrics-plugin.js';
import { openapiPlugin } from '../plugins/openapi-plugin.js';
import { originGuardPlugin } from '../plugins/origin-guard-plugin.js';
import { providerKeysPlugin } from '../plugins/provider-keys-plugin.js';
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
import { limitsRoutes } from '../routes/limits/index.js';
import { meRoutes } from '../routes/me/index.js';
import { modelsRoutes } from '../routes/models/index.js';
import { openAiCompatibleRoutes } from '../routes/openai-compatible/index.js';
import { preferencesRoutes } from '../routes/preferences/index.js';
import { providerKeysRoutes } from '../routes/provider-keys/index.js';
import { userProviderKeysRoutes } from '../routes/provider-keys/user-provider-keys.js';
import { proxyRoutes } from '../routes/proxy/index.js';
import { resolveRoutes } from '../routes/resolve/index.js';
import { usageRoutes } from '../routes/usage/index.js';
import { wsChatRoutes } from '../routes/ws-chat/index.js';
import { createKeyRedactor, type KeyRedactor } from '../security/key-redactor.js';
import type { ResolvedSecretKey } from '../security/resolve-secret-key.js';
import type { Store } from '../store/create-store.js';

/** The package version, shown in OpenAPI. */
export const SWITCHBOARD_VERSION = '0.1.0';

/** The longest path parameter the router passes on (Fastify's default, 100, cut user IDs of 101-128). */
const MAX_PATH_PARAM_LENGTH = 512;

/** Incoming request IDs are kept when they look like one (so traces join up), else replaced. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export interface BuildAppOptions {
  config: LoadedConfig;
  store: Store;
  /** Close the store with the app. Default true. */
  closeStore?: boolean;
  /** Fastify's logger option; default off (the server passes its pino instance). Its lines are scrubbed of keys. */
  logger?: FastifyServerOptions['logger'];
  /** A logger built by `createGatewayLogger` with the same `keyRedactor`, so its lines are scrubbed too. */
  loggerInstance?: FastifyServerOptions['loggerInstance'];
  /** Learns every configured key; default a fresh one. Pass the logger's, so answers and logs share it. */
  keyRedactor?: KeyRedactor;
  /** Folder of the built web pages; default `packages/server/public`. */
  webRoot?: string;
  /** Probe providers (and discover models) in the background. Default true. */
  probeProviders?: boolean;
  /** The catalogue's poll interval on SQLite (ms, default 1,500) and whether `catalog.source` is refreshed. */
  catalog?: { pollMs?: number; refresh?: boolean };
  /** The clock of the limits' calendar windows. Default `Date.now`; tests inject one to roll windows over. */
  now?: () => number;
  /**
   * `OTEL_EXPORTER_OTLP_ENDPOINT` and `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, read by `server.ts`: tracing is on
   * when one of them or `telemetry.otlp` is set.
   */
  otlpEnv?: { endpoint?: string | undefined; tracesEndpoint?: string | undefined };
  /**
   * The secret runtime and user provider keys are encrypted with (`resolveSecretKey`, which `server.ts`
   * runs). Default none: the keys API refuses to store keys.
   */
  secretKey?: ResolvedSecretKey | undefined;
}

/** Builds the app with every plugin and route. Does not listen: `server.ts` does, tests use `inject`. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const keyRedactor = options.keyRedactor ?? createKeyRedactor();
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: withKeyScrubbing(options.logger ?? false, keyRedactor) }),
    bodyLimit: config.config.server?.body_limit_bytes ?? DEFAULT_BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    // Path parameters as long as the longest the schemas accept (a user ID of 128 characters, a model ID
    // with its provider) reach them and get their 400; only absurd ones stop at the router.
    maxParamLength: MAX_PATH_PARAM_LENGTH,
    // What the router refuses on its own (an over-long parameter, a malformed URL) in our error shape too.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toErrorBody(error, request.id);
      (reply as FastifyReply).status(status).send(body);
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
  // JSON routes take JSON only: `text/plain` is a type a foreign page may send without a preflight.
  app.removeContentTypeParser('text/plain');
  // Fastify's own JSON parser (with its prototype-poisoning guards), behind a depth limit: a body nested
  // 10,000 deep is the caller's 400, not a stack overflow somewhere after the parse.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string)) return done(createJsonTooDeepError(), undefined);
    parseJson(request, body as string, done);
  });

  const authMode = config.config.auth?.mode ?? 'local';
  await app.register(errorHandlerPlugin);
  await app.register(configPlugin, { config });
  await app.register(storePlugin, { store: options.store, closeStore: options.closeStore });
  await app.register(catalogPlugin, options.catalog ?? {});
  await app.register(providersPlugin);
  await app.register(keyRedactorPlugin, { redactor: keyRedactor });
  await app.register(providerKeysPlugin, { secretKey: options.secretKey });
  await app.register(healthPlugin, { probe: options.probeProviders });
  await app.register(metricsPlugin);
  await app.register(limitsPlugin, { now: options.now });
  // Before auth and limits, so a refused request has its span too.
  await app.register(telemetryPlugin, {
    config: config.config.telemetry,
    envEndpoint: options.otlpEnv?.endpoint,
    envTracesEndpoint: options.otlpEnv?.tracesEndpoint,
    serviceVersion: SWITCHBOARD_VERSION,
  });
  await app.register(originGuardPlugin, {
    mode: authMode,
    allowedOrigins: config.config.server?.allowed_origins ?? [],
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
  await app.register(limitsRoutes);
  await app.register(providerKeysRoutes);
  await app.register(userProviderKeysRoutes);
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

/** Fastify's own logger options with the last pass over each line that scrubs keys (see `createGatewayLogger`). */
function withKeyScrubbing(
  logger: FastifyServerOptions['logger'],
  redactor: KeyRedactor,
): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return logger;
  const settings = logger === true ? {} : logger;
  return { ...settings, hooks: { ...settings.hooks, streamWrite: (line: string) => redactor.redact(line) } };
}
