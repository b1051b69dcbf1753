import { createSwitchboardClient, type SwitchboardClient } from '@switchboard/client';
import { afterAll, beforeAll, describe } from 'vitest';
import { runCli } from '../run-cli.js';
import { type AuthMode, type E2eConfigOptions, writeE2eConfig } from './e2e-config.js';
import {
  createE2eStorage,
  describeEachStorage,
  type E2eStorage,
  type StorageDialect,
} from './e2e-storage.js';
import { type CliServer, startCliServer } from './start-cli-server.js';

/** Who a request is sent as. In local mode every caller is the one admin `local`, whoever they claim to be. */
export type Caller = 'admin' | 'alice' | 'bob' | 'anonymous';

/** A token made with `switchboard tokens create`. */
export interface CliToken {
  id: string;
  secret: string;
}

/** What a raw request answered. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: any;
}

export interface RawRequestInit {
  method?: string;
  /** An object is sent as JSON; a string as it is (with content-type JSON unless headers say otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
  as?: Caller;
}

/** A running server on a fresh database with clients for each caller. Valid once `beforeAll` has run. */
export interface E2eSetup {
  readonly dialect: StorageDialect;
  readonly auth: AuthMode;
  readonly storage: E2eStorage;
  readonly configFile: string;
  readonly server: CliServer;
  readonly url: string;
  /** Token mode only: the tokens of `admin` (user `root`), `alice` and `bob`. */
  readonly tokens: Readonly<Record<Exclude<Caller, 'anonymous'>, CliToken>>;
  /** The user ID the server sees for a caller: `local` for everyone in local mode. */
  userIdOf(caller: Exclude<Caller, 'anonymous'>): string;
  /** The typed client acting as a caller. */
  client(caller?: Exclude<Caller, 'anonymous'>): SwitchboardClient;
  /** The auth headers of a caller (none in local mode). */
  headers(caller?: Caller): Record<string, string>;
  /** `fetch` against the server, for where the raw shape matters. */
  request(path: string, init?: RawRequestInit): Promise<RawResponse>;
  /** Stops the server (SIGTERM, expecting exit 0) and starts it again on the same database with another config. */
  restart(config?: Partial<E2eConfigOptions>): Promise<void>;
}

const TOKEN_USERS = { admin: 'root', alice: 'alice', bob: 'bob' } as const;

/** `switchboard tokens create`, reading the secret from stdout and the ID from the message on stderr. */
export async function createCliToken(configFile: string, user: string, admin = false): Promise<CliToken> {
  const result = await runCli([
    'tokens',
    'create',
    '--config',
    configFile,
    '--user',
    user,
    ...(admin ? ['--admin'] : []),
  ]);
  const id = /Created token (\S+)/.exec(result.stderr)?.[1];
  const secret = result.stdout.trim();
  if (result.code !== 0 || !id || !/^sb_\S+$/.test(secret)) {
    throw new Error(`tokens create failed (${result.code}):\n${result.stdout}${result.stderr}`);
  }
  return { id, secret };
}

/** Sends one raw request and reads the whole answer. */
export async function sendRawRequest(
  url: string,
  init: RawRequestInit & { headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json } as RawResponse;
}

/**
 * Starts `switchboard serve` in `beforeAll` (after creating the database and, in token mode, the tokens) and
 * stops it in `afterAll`, checking that it exits 0.
 */
export function useE2eSetup(
  options: { dialect: StorageDialect; auth: AuthMode } & Partial<E2eConfigOptions>,
): E2eSetup {
  let storage: E2eStorage | undefined;
  let configFile = '';
  let server: CliServer | undefined;
  let tokens: Record<Exclude<Caller, 'anonymous'>, CliToken> | undefined;
  const clients = new Map<string, SwitchboardClient>();
  const configOptions = (overrides: Partial<E2eConfigOptions> = {}): E2eConfigOptions => ({
    ...options,
    storageUrl: storage!.url,
    ...overrides,
  });
  const running = () => {
    if (!server) throw new Error('the server is not running (beforeAll failed?)');
    return server;
  };

  const setup: E2eSetup = {
    dialect: options.dialect,
    auth: options.auth,
    get storage() {
      return storage!;
    },
    get configFile() {
      return configFile;
    },
    get server() {
      return running();
    },
    get url() {
      return running().url;
    },
    get tokens() {
      if (!tokens) throw new Error('tokens exist in token mode only');
      return tokens;
    },
    userIdOf: (caller) => (options.auth === 'local' ? 'local' : TOKEN_USERS[caller]),
    client(caller = 'admin') {
      const key = `${running().url}|${caller}`;
      let client = clients.get(key);
      if (!client) {
        client = createSwitchboardClient({ baseURL: running().url, token: tokens?.[caller].secret });
        clients.set(key, client);
      }
      return client;
    },
    headers(caller = 'admin'): Record<string, string> {
      if (options.auth === 'local' || caller === 'anonymous') return {};
      return { authorization: `Bearer ${setup.tokens[caller].secret}` };
    },
    request(path, init = {}) {
      return sendRawRequest(`${running().url}${path}`, {
        ...init,
        headers: { ...setup.headers(init.as ?? 'admin'), ...init.headers },
      });
    },
    async restart(overrides) {
      const code = await running().stop();
      if (code !== 0) throw new Error(`the server exited ${code} on SIGTERM:\n${running().stderr}`);
      configFile = await writeE2eConfig(
        storage!.folder,
        configOptions(overrides),
        'switchboard-restarted.yaml',
      );
      server = await startCliServer({ configFile });
    },
  };

  beforeAll(async () => {
    storage = await createE2eStorage(options.dialect);
    configFile = await writeE2eConfig(storage.folder, configOptions());
    server = await startCliServer({ configFile });
    if (options.auth === 'token') {
      // Only once the server listens: it has migrated the database, so the CLI does not race it to.
      const [admin, alice, bob] = await Promise.all([
        createCliToken(configFile, TOKEN_USERS.admin, true),
        createCliToken(configFile, TOKEN_USERS.alice),
        createCliToken(configFile, TOKEN_USERS.bob),
      ]);
      tokens = { admin: admin!, alice: alice!, bob: bob! };
    }
  });

  afterAll(async () => {
    try {
      if (server) {
        const code = await server.stop();
        if (code !== 0) throw new Error(`the server exited ${code} on SIGTERM:\n${server.stderr}`);
      }
    } finally {
      await storage?.dispose();
    }
  });

  return setup;
}

/** Declares a suite four times: SQLite and PostgreSQL, each in local and token auth mode. */
export function describeEachSetup(name: string, body: (setup: E2eSetup) => void): void {
  describeEachStorage(name, (dialect) => {
    for (const auth of ['local', 'token'] as const) {
      describe(`auth ${auth}`, () => body(useE2eSetup({ dialect, auth })));
    }
  });
}
