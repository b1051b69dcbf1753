import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_STORAGE_URL, describeUnsafeBind } from '@switchboard/core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app/build-app.js';
import { type LoadedConfig, loadConfig } from './config/load-config.js';
import { UnsafeBindError } from './errors/unsafe-bind-error.js';
import { createGatewayLogger } from './logging/create-gateway-logger.js';
import { resolveLogFormat } from './logging/resolve-log-format.js';
import { createKeyRedactor } from './security/key-redactor.js';
import { resolveSecretKey } from './security/resolve-secret-key.js';
import type { ChangeRelay } from './store/change-relay.js';
import { createStore } from './store/create-store.js';
import { parseStoreUrl } from './store/parse-store-url.js';

export interface StartServerOptions {
  /** `--config`; else `SWITCHBOARD_CONFIG`, `./switchboard.yaml`, the example. */
  configFile?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Overrides of `server.host` / `server.port` (`--host`, `--port`, env `HOST`, `PORT`). */
  host?: string | undefined;
  port?: number | undefined;
  /**
   * Carries committed store changes to and from the other processes on the same SQLite file (the workers of
   * `server.workers`; `serve` passes the cluster's IPC relay). Default none.
   */
  changeRelay?: ChangeRelay | undefined;
  /** Handle SIGINT/SIGTERM (the CLI does; embedders may not want it). Default true. */
  handleSignals?: boolean;
}

export interface RunningServer {
  app: FastifyInstance;
  config: LoadedConfig;
  url: string;
  /** Stops accepting, finishes in-flight requests, flushes usage, closes the database. */
  close(): Promise<void>;
  /** Resolves when the server has closed (by `close()` or a signal). */
  closed: Promise<void>;
}

/**
 * Loads the config, opens the store, builds the app and listens. The only place that listens, reads the
 * environment for the bind address and handles signals.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const hostOverride = options.host ?? env.HOST;
  // The file's own server.host is checked with the rest of the file; an override is checked here.
  const config = await loadConfig({
    file: options.configFile,
    env,
    hostOverridden: hostOverride !== undefined,
  });
  const host = hostOverride ?? config.config.server?.host ?? DEFAULT_HOST;
  const port = options.port ?? (env.PORT ? Number(env.PORT) : (config.config.server?.port ?? DEFAULT_PORT));
  const authMode = config.config.auth?.mode ?? 'local';
  if (describeUnsafeBind(host, authMode)) throw new UnsafeBindError(host);

  // One redactor for the log and the answers: it learns the configured keys as the app starts.
  const keyRedactor = createKeyRedactor();
  const isTerminal = process.stdout.isTTY === true;
  const logger = createGatewayLogger({
    level: env.LOG_LEVEL ?? 'info',
    redactor: keyRedactor,
    pretty: resolveLogFormat(env.LOG_FORMAT, isTerminal) === 'pretty' ? { colorize: isTerminal } : undefined,
  });
  for (const warning of config.warnings) logger.warn({ config: config.file }, warning);
  for (const line of config.converted ?? [])
    logger.info({ config: config.file }, `converted from version 1: ${line}`);

  // Before the store opens: a secret too short is a start-up error, with nothing to clean up.
  const location = parseStoreUrl(config.config.storage?.url ?? DEFAULT_STORAGE_URL);
  const secretKey = await resolveSecretKey({
    env,
    store: location.dialect === 'sqlite' ? location : { dialect: 'postgres' },
  });
  const store = await createStore(config.config.storage?.url ?? DEFAULT_STORAGE_URL, {
    onError: (error) => logger.warn({ err: error }, 'storage background error'),
    relay: options.changeRelay,
  });
  // `--host '[::1]'` is how an IPv6 address is written in a URL; listen wants it bare.
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const app = await buildApp({
    config,
    store,
    loggerInstance: logger,
    keyRedactor,
    secretKey,
    otlpEnv: {
      endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      tracesEndpoint: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    },
  });
  try {
    await app.listen({ host: bare, port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${bare.includes(':') ? `[${bare}]` : bare}:${boundPort}`;
  logger.info(
    { url, config: config.file, storage: store.dialect, auth: authMode },
    `Switchboard listening on ${url} (auth: ${authMode}, storage: ${store.dialect})`,
  );

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close().finally(resolveClosed);
    return closing;
  };
  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      void close();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return { app, config, url, close, closed };
}
