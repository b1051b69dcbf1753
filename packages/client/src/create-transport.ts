import { apiErrorSchema } from '@switchboard/core';
import { SwitchboardApiError } from './switchboard-api-error.js';

/** The subset of `fetch` the client calls; pass your own to add retries, tracing or a test double. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Anything with zod's `safeParse`: the client validates every answer with the shared core schemas. */
export interface ResponseSchema<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

export interface TransportOptions {
  /** Where the server answers, e.g. `http://127.0.0.1:8787`; a path prefix is kept (`https://host/switchboard`). */
  baseURL: string;
  /** A Switchboard API token, sent as `Authorization: Bearer`. Not needed in `auth.mode: local`. */
  token?: string | undefined;
  /** Default: the global `fetch`. */
  fetch?: FetchFunction | undefined;
}

/** One call: the path and what goes with it. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to `baseURL`, each dynamic segment already encoded. */
  path: string;
  /** Undefined values are left out. */
  query?: Readonly<Record<string, string | undefined>> | undefined;
  /** Sent as JSON; when absent, no body and no content-type. */
  body?: unknown;
  headers?: Readonly<Record<string, string | undefined>> | undefined;
  signal?: AbortSignal | undefined;
}

/** A validated answer with the headers that matter to callers. */
export interface TransportResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

export interface Transport {
  /** Sends the request; resolves to the answer parsed with `schema`, or throws a `SwitchboardApiError`. */
  send<T>(request: TransportRequest, schema: ResponseSchema<T>): Promise<TransportResponse<T>>;
  /**
   * Sends the request and resolves to the successful answer with its body unread (for streams), or throws
   * a `SwitchboardApiError`. `accept` replaces the default `application/json`.
   */
  open(request: TransportRequest & { accept?: string | undefined }): Promise<Response>;
}

/** Names the schema issues of an answer the client does not understand. */
export function toInvalidResponseError(
  what: string,
  status: number,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  requestId: string | undefined,
): SwitchboardApiError {
  const named = issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return new SwitchboardApiError({
    status,
    code: 'invalid_response',
    message: `${what} answered a body this client does not understand: ${named
      .slice(0, 5)
      .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
      .join('; ')}`,
    details: { issues: named },
    requestId,
  });
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Turns a non-2xx answer into the error the server described, or a generic one when it described none. */
async function toApiError(response: Response): Promise<SwitchboardApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = apiErrorSchema.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new SwitchboardApiError({ status: response.status, code, message, details, requestId });
  }
  return new SwitchboardApiError({
    status: response.status,
    code: 'http_error',
    message: `HTTP ${response.status} ${response.statusText}`.trim(),
    details: { body: text.slice(0, 500) },
    requestId,
  });
}

/**
 * The client's only contact with the network: joins the URL, adds auth and JSON headers, and checks every
 * answer against its schema so that a server and a client that disagree fail loudly, not with `undefined`.
 */
export function createTransport(options: TransportOptions): Transport {
  const base = options.baseURL.endsWith('/') ? options.baseURL : `${options.baseURL}/`;
  // Never call a detached `window.fetch`: browsers throw "Illegal invocation".
  const fetchFunction: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  const urlOf = (request: TransportRequest): URL => {
    const url = new URL(request.path.replace(/^\//, ''), base);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    return url;
  };

  const open: Transport['open'] = async (request) => {
    const url = urlOf(request);
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    // Fastify refuses an empty body that claims to be JSON, so the header goes only with a body.
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    for (const [key, value] of Object.entries(request.headers ?? {})) {
      if (value !== undefined) headers[key] = value;
    }

    let response: Response;
    try {
      response = await fetchFunction(url.toString(), {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new SwitchboardApiError({
        status: 0,
        code: 'network_error',
        message: `${request.method} ${url.pathname} got no answer from ${url.origin}: ${(error as Error)?.message ?? String(error)}`,
        cause: error,
      });
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  };

  return {
    open,
    async send(request, schema) {
      const response = await open(request);
      const { pathname } = urlOf(request);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      let json: unknown;
      try {
        json = await response.json();
      } catch (error) {
        if (isAbortError(error)) throw error;
        throw new SwitchboardApiError({
          status: response.status,
          code: 'invalid_response',
          message: `${request.method} ${pathname} answered ${response.status} with a body that is not JSON`,
          requestId,
          cause: error,
        });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw toInvalidResponseError(
          `${request.method} ${pathname}`,
          response.status,
          parsed.error.issues,
          requestId,
        );
      }
      return { data: parsed.data, headers: response.headers, status: response.status };
    },
  };
}
