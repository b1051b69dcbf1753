/**
 * Everything a kind's handler needs to answer one request, with faults, usage accounting and
 * rate-limit headers built in, so a handler only reads the request and builds the body or the frames.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FaultPlan } from './faults.js';
import { asRecord, type JsonRecord } from './json-values.js';
import type { KindModule } from './kind-module.js';
import type { MockKind } from './kinds.js';
import type { MockState } from './mock-state.js';
import type { MockRequest } from './recorder.js';
import type { RefusalInfo } from './request-error.js';
import { type StreamFormat, type StreamFrame, writeJson, writeStream } from './sse.js';
import type { TokenUsage } from './tokens.js';

/** Pieces an answer is split into when streamed, unless a `paced` fault says `chunks=`. */
export const DEFAULT_CHUNKS = 4;

/** One request being answered. */
export interface MockContext {
  readonly kind: MockKind;
  readonly request: MockRequest;
  /** The request body as an object (`{}` when it was not one). */
  readonly body: JsonRecord;
  readonly query: URLSearchParams;
  readonly res: ServerResponse;
  /** The models this kind lists. */
  readonly models: readonly string[];
  /** What this mock instance remembers between requests. */
  readonly state: MockState;
  /** How many pieces a streamed answer is split into. */
  readonly chunks: number;
  /** The `off_schema` fault applies: structured-output requests get plain text. */
  readonly offSchema: boolean;
  /** Answers JSON (200 unless told), counting `usage` as reported when the body goes out intact. */
  json(body: unknown, usage?: TokenUsage, status?: number): void;
  /** Answers an error in the kind's own shape (with `retry-after` when given); faults do not apply to it. */
  error(status: number, message: string, extra?: Omit<RefusalInfo, 'status'> & { retryAfter?: number }): void;
  /** Answers a stream of frames; usage is counted per frame as it goes out. */
  stream(format: StreamFormat, frames: readonly StreamFrame[]): void;
}

/** What the server hands over to build a {@link MockContext}. */
export interface ContextInit {
  kind: MockKind;
  module: KindModule;
  request: MockRequest;
  query: URLSearchParams;
  res: ServerResponse;
  models: readonly string[];
  state: MockState;
  faults: FaultPlan | undefined;
  onUsage: (usage: TokenUsage) => void;
  onReset: () => void;
}

/** Builds the context of one request. */
export function createMockContext(init: ContextInit): MockContext {
  const { res, request, faults, module, state, kind } = init;
  const served = ++state.served[kind];
  const headersFor = (limited: boolean): OutgoingHttpHeaders => ({
    'x-request-id': `req_mock_${request.id}`,
    ...module.rateLimitHeaders?.({ served, limited }),
  });
  const headers = headersFor(false);
  const writeOptions = { faults, headers, onUsage: init.onUsage, onReset: init.onReset };
  return {
    kind,
    request,
    body: asRecord(request.body),
    query: init.query,
    res,
    models: init.models,
    state,
    chunks: faults?.paced?.chunks ?? DEFAULT_CHUNKS,
    offSchema: faults?.off_schema !== undefined,
    json(body, usage, status = 200) {
      request.status = status;
      if (writeJson(res, status, body, writeOptions) && usage) init.onUsage(usage);
    },
    error(status, message, extra) {
      request.status = status;
      const body = module.errorBody({ status, message, ...extra });
      const retryAfter = extra?.retryAfter;
      const errorHeaders = headersFor(status === 429);
      if (retryAfter !== undefined) errorHeaders['retry-after'] = String(retryAfter);
      writeJson(res, status, body, { ...writeOptions, faults: undefined, headers: errorHeaders });
    },
    stream(format, frames) {
      request.status = 200;
      writeStream(res, format, frames, writeOptions);
    },
  };
}
