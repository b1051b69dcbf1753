/**
 * One plain `node:http` server that plays every upstream provider: OpenAI, Anthropic, Gemini, xAI, Ollama
 * and a generic OpenAI-compatible server, each under its path prefix, speaking its own wire format with
 * deterministic answers. It records what it receives, tallies the usage it reports, and injects faults.
 * It is also the upstream of the benchmarks, so a request without faults does no more than it must.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MODELS } from './catalog.js';
import { createMockContext } from './context.js';
import { CONTROL_PREFIX, handleControl } from './control-routes.js';
import { createFaultStore, type FaultSpec } from './faults.js';
import { MOCK_KINDS, type MockKind, type MockKindName, mockBasePath, parseMockKind } from './kinds.js';
import { createMockState } from './mock-state.js';
import { KIND_MODULES } from './providers.js';
import { parseJsonBody, readBody } from './read-body.js';
import { createRecorder, type MockAbortEvent, type MockRequest, type ReportedUsage } from './recorder.js';
import { MockRequestError } from './request-error.js';

/** Options of {@link startMockProviders}. */
export interface MockProvidersOptions {
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on. Default `0`: any free port (read it from `mock.url`). */
  port?: number;
  /**
   * Keys each kind accepts, checked in the header its real API reads. A kind without keys here accepts
   * any key, or none. Default: none configured.
   */
  apiKeys?: Partial<Record<MockKindName, string | readonly string[]>>;
  /** Models each kind lists (`/v1/models`, `/api/tags`, ...). Default: `DEFAULT_MODELS`. */
  models?: Partial<Record<MockKindName, readonly string[]>>;
  /**
   * How many requests `mock.requests` keeps (the oldest are dropped); `0` keeps none, for benchmarks.
   * `waitFor` still sees every request. Default 10,000.
   */
  recordLimit?: number;
  /** Secret the Anthropic thinking signatures are made with. Default `DEFAULT_THINKING_SECRET`. */
  thinkingSecret?: string;
}

/** A running mock upstream. */
export interface MockProviders {
  /** `http://host:port` of the server. */
  readonly url: string;
  /** The base URL a provider of `kind` is given, e.g. `${url}/openai/v1`, `${url}/ollama`. */
  baseUrl(kind: MockKindName): string;
  /** Requests received since start or `clear()`, in order (the last `recordLimit` of them). */
  readonly requests: readonly MockRequest[];
  /** Requests whose client went away before the answer was complete. */
  readonly aborted: readonly MockAbortEvent[];
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** Token usage the mock put in its answers, in total and per kind. */
  readonly reportedUsage: Readonly<ReportedUsage>;
  /** The active programmatic faults. */
  readonly faults: readonly FaultSpec[];
  /** Adds a fault for the requests to come; throws a `TypeError` if it is not valid. */
  setFault(spec: FaultSpec): void;
  /** Removes every programmatic fault. */
  clearFaults(): void;
  /** Forgets recorded requests, aborts and the usage tally (faults stay). */
  clear(): void;
  /** The first request (already received or to come) matching `predicate`; rejects after `timeoutMs` (5000). */
  waitFor(predicate: (request: MockRequest) => boolean, timeoutMs?: number): Promise<MockRequest>;
  /** The first abort matching `predicate` (any by default); rejects after `timeoutMs` (5000). */
  waitForAbort(predicate?: (event: MockAbortEvent) => boolean, timeoutMs?: number): Promise<MockAbortEvent>;
  /** Ends every connection (hung ones too), stops listening and clears every timer. */
  close(): Promise<void>;
}

/** Default delay of a `latency` fault, in ms. */
const DEFAULT_LATENCY_MS = 200;

/** Resolves `true` after `ms`, or `false` as soon as the client goes away (clearing the timer). */
function pause(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

function normalizeByKind<T>(
  input: Partial<Record<MockKindName, T>> | undefined,
): Partial<Record<MockKind, T>> {
  const out: Partial<Record<MockKind, T>> = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    const kind = parseMockKind(name);
    if (kind && value !== undefined) out[kind] = value as T;
  }
  return out;
}

/** Starts the mock upstream and resolves once it listens. */
export async function startMockProviders(options: MockProvidersOptions = {}): Promise<MockProviders> {
  const { host = '127.0.0.1', port = 0 } = options;
  const keys = normalizeByKind(options.apiKeys);
  const models = { ...DEFAULT_MODELS, ...normalizeByKind(options.models) };
  const recorder = createRecorder(options.recordLimit);
  const faults = createFaultStore();
  const state = createMockState({ thinkingSecret: options.thinkingSecret });
  let nextId = 1;
  let inFlight = 0;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
    if (pathname.startsWith(CONTROL_PREFIX)) return handleControl(req, res, pathname, { faults, recorder });
    const slash = pathname.indexOf('/', 1);
    const prefix = pathname.slice(1, slash < 0 ? undefined : slash);
    const kind = (MOCK_KINDS as readonly string[]).includes(prefix) ? (prefix as MockKind) : undefined;
    if (!kind) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          error: { message: `No mock provider at ${pathname}; prefixes: ${MOCK_KINDS.join(', ')}` },
        }),
      );
    }
    const path = slash < 0 ? '/' : pathname.slice(slash);
    const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
    const id = nextId++;
    let resetByMock = false;
    let recorded: MockRequest | undefined;
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (!res.writableFinished && !resetByMock && recorded) recorder.recordAbort(recorded);
    });

    const rawBody = await readBody(req);
    const parsed = parseJsonBody(rawBody);
    const request: MockRequest = {
      id,
      kind,
      method: req.method ?? 'GET',
      path,
      url,
      query: Object.fromEntries(query),
      headers: req.headers,
      apiKey: KIND_MODULES[kind].readApiKey(req.headers, query),
      body: 'value' in parsed ? parsed.value : undefined,
      rawBody,
      time: Date.now(),
    };
    recorded = request;
    recorder.record(request);

    const module = KIND_MODULES[kind];
    const plan = faults.take(kind, path, req.headers, request.apiKey);
    const ctx = createMockContext({
      kind,
      module,
      request,
      query,
      res,
      models: models[kind],
      state,
      faults: plan,
      onUsage: (usage) => recorder.addUsage(kind, usage),
      onReset: () => {
        resetByMock = true;
      },
    });
    if (plan?.latency && !(await pause(res, plan.latency.ms ?? DEFAULT_LATENCY_MS))) return;
    // A hung request is never answered: it ends when the client gives up, or on close().
    if (plan?.hang) return;
    const accepted = keys[kind];
    if (accepted !== undefined) {
      const key = request.apiKey;
      if (key === undefined || !(typeof accepted === 'string' ? accepted === key : accepted.includes(key))) {
        const { message, code } = module.authError(key);
        return ctx.error(401, message, { code });
      }
    }
    if ('error' in parsed)
      return ctx.error(400, `We could not parse the JSON body of your request: ${parsed.error}`);
    if (plan?.rate_limit) {
      const retryAfter = plan.rate_limit.retryAfter ?? 1;
      const message = `Rate limit reached (mock fault rate_limit). Please try again in ${retryAfter}s.`;
      return ctx.error(plan.rate_limit.status ?? 429, message, { retryAfter });
    }
    if (plan?.server_error) {
      const message = 'The server had an error while processing your request (mock fault server_error).';
      return ctx.error(plan.server_error.status ?? 500, message);
    }
    try {
      module.handle(ctx);
    } catch (error) {
      if (!MockRequestError.isInstance(error) || res.headersSent) throw error;
      ctx.error(error.status, error.message, { code: error.code, param: error.param });
    }
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      // A client that left mid-body ends here too; only a live response gets the bug report.
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `mock provider bug: ${(error as Error).message}` } }));
    });
  });
  // Benchmarks reuse connections; keep idle ones longer than clients' own pools do.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  return {
    url,
    baseUrl: (kind) => `${url}${mockBasePath(kind)}`,
    get requests() {
      return recorder.requests;
    },
    get aborted() {
      return recorder.aborted;
    },
    get inFlight() {
      return inFlight;
    },
    get reportedUsage() {
      return recorder.reportedUsage;
    },
    get faults() {
      return faults.list();
    },
    setFault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    clear: () => recorder.clear(),
    waitFor: (predicate, timeoutMs) => recorder.waitFor(predicate, timeoutMs),
    waitForAbort: (predicate, timeoutMs) => recorder.waitForAbort(predicate, timeoutMs),
    close() {
      recorder.dispose();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
