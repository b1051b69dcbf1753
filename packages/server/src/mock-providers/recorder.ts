/**
 * What the mock saw and said: every request, every client that went away early, and a running tally of
 * the token usage it reported, so a test can compare a gateway's accounting with the upstream's.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { MOCK_KINDS, type MockKind } from './kinds.js';
import type { TokenUsage } from './tokens.js';

/** One request the mock received. */
export interface MockRequest {
  /** Sequence number, from 1, unique per mock. */
  id: number;
  kind: MockKind;
  method: string;
  /** Path under the kind prefix, without the query: `/v1/chat/completions` for `/openai/v1/chat/completions`. */
  path: string;
  /** The raw request URL, prefix and query included. */
  url: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The API key the request carried, read where the kind's real API reads it (undefined without one). */
  apiKey: string | undefined;
  /** Parsed JSON body; `undefined` when empty or not JSON (`rawBody` has the text). */
  body: unknown;
  /** The body exactly as sent (`''` when empty), for checks of field order, spacing or unknown fields. */
  rawBody: string;
  /** `Date.now()` when the body had been read. */
  time: number;
  /** HTTP status of the answer, once headers were sent. */
  status?: number;
}

/** A client that closed the connection before the answer was complete. */
export interface MockAbortEvent {
  type: 'aborted';
  requestId: number;
  kind: MockKind;
  path: string;
  time: number;
}

/** Usage the mock put in its answers. `outputTokens` includes `reasoningTokens`. */
export interface UsageTally {
  /** Answers that reported usage. */
  responses: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

/** The running usage tally, in total and per kind. */
export interface ReportedUsage {
  total: UsageTally;
  byKind: Record<MockKind, UsageTally>;
}

/** The store behind `mock.requests`, `mock.aborted`, `mock.reportedUsage` and the `waitFor*` helpers. */
export interface Recorder {
  readonly requests: MockRequest[];
  readonly aborted: MockAbortEvent[];
  readonly reportedUsage: ReportedUsage;
  record(request: MockRequest): void;
  recordAbort(request: MockRequest): void;
  addUsage(kind: MockKind, usage: TokenUsage): void;
  clear(): void;
  waitFor(predicate: (request: MockRequest) => boolean, timeoutMs?: number): Promise<MockRequest>;
  waitForAbort(predicate?: (event: MockAbortEvent) => boolean, timeoutMs?: number): Promise<MockAbortEvent>;
  /** Rejects every pending wait and clears its timer (on `close()`). */
  dispose(): void;
}

/** Default timeout of the `waitFor*` helpers. */
export const DEFAULT_WAIT_MS = 5_000;

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function emptyTally(): UsageTally {
  return { responses: 0, inputTokens: 0, outputTokens: 0, reasoningTokens: 0 };
}

function emptyUsage(): ReportedUsage {
  const byKind = Object.fromEntries(MOCK_KINDS.map((kind) => [kind, emptyTally()])) as Record<
    MockKind,
    UsageTally
  >;
  return { total: emptyTally(), byKind };
}

/** Requests kept by default; older ones are dropped so a long benchmark run does not grow the heap. */
export const DEFAULT_RECORD_LIMIT = 10_000;

/** Creates an empty {@link Recorder} keeping the last `limit` requests (none when 0). */
export function createRecorder(limit = DEFAULT_RECORD_LIMIT): Recorder {
  const requests: MockRequest[] = [];
  const aborted: MockAbortEvent[] = [];
  const usage = emptyUsage();
  const requestWaiters = new Set<Waiter<MockRequest>>();
  const abortWaiters = new Set<Waiter<MockAbortEvent>>();

  function notify<T>(waiters: Set<Waiter<T>>, item: T): void {
    for (const waiter of waiters) {
      if (!waiter.predicate(item)) continue;
      clearTimeout(waiter.timer);
      waiters.delete(waiter);
      waiter.resolve(item);
    }
  }

  function wait<T>(
    waiters: Set<Waiter<T>>,
    existing: readonly T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const found = existing.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`mock: no ${what} matched within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      waiters.add(waiter);
    });
  }

  return {
    requests,
    aborted,
    reportedUsage: usage,
    record(request) {
      if (limit > 0) {
        requests.push(request);
        if (requests.length > limit) requests.splice(0, requests.length - limit);
      }
      if (requestWaiters.size > 0) notify(requestWaiters, request);
    },
    recordAbort(request) {
      const event: MockAbortEvent = {
        type: 'aborted',
        requestId: request.id,
        kind: request.kind,
        path: request.path,
        time: Date.now(),
      };
      aborted.push(event);
      if (abortWaiters.size > 0) notify(abortWaiters, event);
    },
    addUsage(kind, reported) {
      for (const tally of [usage.total, usage.byKind[kind]]) {
        tally.responses += 1;
        tally.inputTokens += reported.inputTokens;
        tally.outputTokens += reported.outputTokens;
        tally.reasoningTokens += reported.reasoningTokens ?? 0;
      }
    },
    clear() {
      requests.length = 0;
      aborted.length = 0;
      const fresh = emptyUsage();
      Object.assign(usage.total, fresh.total);
      for (const kind of MOCK_KINDS) Object.assign(usage.byKind[kind], fresh.byKind[kind]);
    },
    waitFor(predicate, timeoutMs = DEFAULT_WAIT_MS) {
      return wait(requestWaiters, requests, predicate, timeoutMs, 'request');
    },
    waitForAbort(predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) {
      return wait(abortWaiters, aborted, predicate, timeoutMs, 'aborted request');
    },
    dispose() {
      for (const waiters of [requestWaiters, abortWaiters] as Set<Waiter<unknown>>[]) {
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(new Error('mock: closed'));
        }
        waiters.clear();
      }
    },
  };
}
