import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import WebSocket from 'ws';
import { type MockProviders, startMockProviders } from '../../src/mock-providers/index.js';
import {
  createPostgresDatabase,
  type PostgresProbe,
  probePostgres,
  type TestDatabase,
  warnPostgresSkipped,
} from '../../src/store/test-fixtures/test-databases.js';
import { startTestGateway, type TestGateway, UPSTREAM_KEYS } from './start-test-gateway.js';

/** Where the counters live: the database (SQLite, one instance; PostgreSQL, two) or Redis (two instances). */
export type LimitBackend = 'sqlite' | 'postgres' | 'redis';

const REDIS_URL = process.env.SWITCHBOARD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const probe: PostgresProbe = await probePostgres();

/** A clock the test moves by hand: windows roll over without a sleep. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
}

export function createTestClock(start = Date.parse('2026-06-15T12:00:00.000Z')): TestClock {
  let at = start;
  return {
    now: () => at,
    advance(ms) {
      at += ms;
    },
  };
}

/** Gateways sharing one mock upstream, one clock and (but for SQLite) one set of counters. */
export interface LimitGateways {
  readonly backend: LimitBackend;
  /** Every instance; SQLite has one, the others two. */
  readonly instances: readonly TestGateway[];
  readonly mock: MockProviders;
  readonly clock: TestClock;
  /** A token of `user` (role user), valid on every instance. */
  token(user: string): string;
  readonly adminToken: string;
  /** The instance for the n-th call: alternating, so consecutive calls land on different instances. */
  at(n: number): TestGateway;
}

/** Names unique to this run: Redis outlives test runs, so a fixed rule name would find old counters. */
export const RUN = randomBytes(4).toString('hex');

/**
 * Starts the gateways of one backend in `beforeAll`, in token mode, with `limits` (and `tasks`) in their
 * config and tokens for `users`. PostgreSQL and Redis run two instances; Redis keeps the store in
 * PostgreSQL (runtime rules are shared through it) and the counters in Redis.
 */
export function useLimitGateways(
  backend: LimitBackend,
  options: { limits: Record<string, unknown>; tasks?: Record<string, unknown>; users: readonly string[] },
): LimitGateways {
  const clock = createTestClock();
  let mock: MockProviders | undefined;
  let database: TestDatabase | undefined;
  const instances: TestGateway[] = [];
  const tokens = new Map<string, string>();
  let adminToken = '';

  beforeAll(async () => {
    mock = await startMockProviders({ apiKeys: UPSTREAM_KEYS });
    const shared = backend !== 'sqlite';
    if (shared) {
      if (!probe.available) throw new Error(`PostgreSQL is not reachable: ${probe.reason}`);
      database = await createPostgresDatabase(probe.admin);
    }
    const config = () => ({
      auth: { mode: 'token' },
      ...(backend === 'redis' ? { storage: { redis: REDIS_URL } } : {}),
      limits: options.limits,
      ...(options.tasks ? { tasks: options.tasks } : {}),
    });
    const count = shared ? 2 : 1;
    for (let index = 0; index < count; index++) {
      // One at a time: the first migrates the shared database.
      instances.push(await startTestGateway({ mock, config, storageUrl: database?.url, now: clock.now }));
    }
    const store = instances[0]!.app.store;
    adminToken = (await store.tokens.create({ userId: 'root', role: 'admin' })).secret;
    for (const user of options.users) {
      tokens.set(user, (await store.tokens.create({ userId: user, role: 'user' })).secret);
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await mock?.close();
    await database?.drop();
  });

  return {
    backend,
    get instances() {
      return instances;
    },
    get mock() {
      return mock!;
    },
    clock,
    token(user) {
      const secret = tokens.get(user);
      if (!secret) throw new Error(`no token for ${user}`);
      return secret;
    },
    get adminToken() {
      return adminToken;
    },
    at: (n) => instances[n % instances.length]!,
  };
}

/** Declares a suite once per backend; PostgreSQL-backed ones skip loudly without PostgreSQL (fail with CI=true). */
export function describeEachLimitBackend(name: string, body: (backend: LimitBackend) => void): void {
  describe(`${name} [sqlite]`, () => body('sqlite'));
  for (const backend of ['postgres', 'redis'] as const) {
    if (probe.available) describe(`${name} [${backend}]`, () => body(backend));
    else if (process.env.CI === 'true') {
      describe(`${name} [${backend}]`, () => {
        it('needs PostgreSQL (CI=true)', () => {
          throw new Error(`PostgreSQL is required when CI=true: ${probe.reason}`);
        });
      });
    } else {
      warnPostgresSkipped('the limits tests', probe.reason);
      describe.skip(`${name} [${backend}]`, () => body(backend));
    }
  }
}

/** What a call answered. */
export interface CallResult {
  status: number;
  headers: Headers;
  json: any;
}

/** A JSON request with a Bearer token. */
export async function callJson(
  gateway: TestGateway,
  path: string,
  token: string,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
): Promise<CallResult> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** One WebSocket chat message, answered by its `done` or `error` frame. */
export async function chatOverWebSocket(
  gateway: TestGateway,
  token: string,
  message: Record<string, unknown>,
): Promise<{ type: string; error?: { code: string; details?: Record<string, unknown> }; model?: string }> {
  const ws = new WebSocket(`${gateway.url.replace(/^http/, 'ws')}/v1/ws/chat`, {
    headers: { authorization: `Bearer ${token}` },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const answer = new Promise<any>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'done' || frame.type === 'error') resolve(frame);
      });
    });
    ws.send(JSON.stringify({ type: 'chat', id: 'c1', ...message }));
    return await answer;
  } finally {
    ws.close();
  }
}
