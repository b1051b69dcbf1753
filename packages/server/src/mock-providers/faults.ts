/**
 * Fault injection. A fault is selected three ways: programmatically (`mock.setFault`), per request with an
 * `x-mock-fault` header (`paced;ms=20;chunks=5`, several separated by commas, parameters also as
 * `x-mock-fault-<param>` headers), or over HTTP (`POST /_mock/faults`, for the demo). Faults of different
 * modes combine (latency + paced + reset); for one mode, a header beats a programmatic fault.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type MockKind, type MockKindName, parseMockKind } from './kinds.js';

/** Every fault mode. */
export const FAULT_MODES = [
  'latency',
  'paced',
  'rate_limit',
  'server_error',
  'reset',
  'malformed',
  'hang',
  'off_schema',
] as const;

/**
 * - `latency`: wait `ms` before sending headers.
 * - `paced`: wait `ms` between stream frames; `chunks` sets how many pieces the answer is split into.
 * - `rate_limit`: `status` (429) with a `retry-after: <retryAfter>` header and the kind's error body.
 * - `server_error`: `status` (500) with the kind's error body.
 * - `reset`: write `after` frames (a JSON body: half of it when `after` > 0), then reset the socket.
 * - `malformed`: frame number `after` is cut in half (invalid JSON); a JSON body is cut in half.
 * - `hang`: never answer; the request ends only when the client goes away (recorded as aborted).
 * - `off_schema`: a request that asks for structured output (a JSON Schema or JSON mode) gets a
 *   well-formed answer whose content is the plain-text echo, which matches no schema.
 */
export type FaultMode = (typeof FAULT_MODES)[number];

/** A fault to inject, with its parameters. */
export interface FaultSpec {
  mode: FaultMode;
  /** Only requests to this kind; every kind when absent. */
  kind?: MockKindName;
  /** Only requests whose path under the kind prefix contains this (e.g. `chat/completions`). */
  path?: string;
  /**
   * Only requests carrying this API key (read where the kind's real API reads it), so one key of a pool
   * can be rate limited while the others answer.
   */
  key?: string;
  /** How many matching requests it applies to; until cleared when absent. */
  times?: number;
  /** `latency`: delay before headers, default 200. `paced`: delay between frames, default 20. */
  ms?: number;
  /** `paced`: number of pieces the answer text is split into (default 4 without the fault). */
  chunks?: number;
  /** `reset` and `malformed`: frames written intact before the fault, default 1. */
  after?: number;
  /** `rate_limit`: seconds in the `retry-after` header, default 1. */
  retryAfter?: number;
  /** `rate_limit` (default 429) and `server_error` (default 500): the HTTP status. */
  status?: number;
}

/** The faults that apply to one request: at most one per mode. */
export type FaultPlan = Partial<Record<FaultMode, FaultSpec>>;

/** Header that selects faults for one request. */
export const FAULT_HEADER = 'x-mock-fault';

const NUMBER_PARAMS = ['times', 'ms', 'chunks', 'after', 'retryAfter', 'status'] as const;
type NumberParam = (typeof NUMBER_PARAMS)[number];

/** Parameter names accepted in the compact syntax and as `x-mock-fault-<name>` headers. */
const PARAM_ALIASES: Record<string, NumberParam> = {
  times: 'times',
  ms: 'ms',
  chunks: 'chunks',
  after: 'after',
  retryafter: 'retryAfter',
  'retry-after': 'retryAfter',
  retry_after: 'retryAfter',
  status: 'status',
};

/** Checks an untrusted fault (from JSON) and returns it typed; throws a `TypeError` saying what is wrong. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new TypeError('a fault must be an object');
  const raw = input as Record<string, unknown>;
  if (!(FAULT_MODES as readonly unknown[]).includes(raw.mode)) {
    throw new TypeError(`fault mode must be one of ${FAULT_MODES.join(', ')}`);
  }
  const spec: FaultSpec = { mode: raw.mode as FaultMode };
  if (raw.kind !== undefined) {
    if (typeof raw.kind !== 'string' || !parseMockKind(raw.kind))
      throw new TypeError(`unknown kind: ${raw.kind}`);
    spec.kind = raw.kind as MockKindName;
  }
  if (raw.path !== undefined) {
    if (typeof raw.path !== 'string') throw new TypeError('fault path must be a string');
    spec.path = raw.path;
  }
  if (raw.key !== undefined) {
    if (typeof raw.key !== 'string') throw new TypeError('fault key must be a string');
    spec.key = raw.key;
  }
  for (const key of NUMBER_PARAMS) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`fault ${key} must be a non-negative number`);
    }
    spec[key] = value;
  }
  return spec;
}

/**
 * Reads the faults a request asks for in its headers: `x-mock-fault: paced;ms=20;chunks=5, reset;after=3`
 * and parameters for all of them as `x-mock-fault-ms: 20` etc. Unknown modes are ignored.
 */
export function parseFaultHeaders(headers: IncomingHttpHeaders): FaultSpec[] {
  const header = headers[FAULT_HEADER];
  if (typeof header !== 'string' || header === '') return [];
  const shared: Partial<Record<NumberParam, number>> = {};
  for (const [alias, key] of Object.entries(PARAM_ALIASES)) {
    const value = Number(headers[`${FAULT_HEADER}-${alias}`]);
    if (headers[`${FAULT_HEADER}-${alias}`] !== undefined && Number.isFinite(value)) shared[key] = value;
  }
  const specs: FaultSpec[] = [];
  for (const part of header.split(',')) {
    const [mode = '', ...params] = part.split(';').map((piece) => piece.trim());
    if (!(FAULT_MODES as readonly string[]).includes(mode)) continue;
    const spec: FaultSpec = { mode: mode as FaultMode, ...shared };
    for (const param of params) {
      const [name = '', value = ''] = param.split('=').map((piece) => piece.trim());
      const key = PARAM_ALIASES[name.toLowerCase()];
      const number = Number(value);
      if (key && value !== '' && Number.isFinite(number) && number >= 0) spec[key] = number;
    }
    specs.push(spec);
  }
  return specs;
}

/** The faults set programmatically or over HTTP, consumed request by request. */
export interface FaultStore {
  /** Adds a fault (checked by {@link parseFaultSpec}). */
  add(spec: FaultSpec): void;
  /** Removes every fault. */
  clear(): void;
  /** The active faults, with `times` counting down. */
  list(): FaultSpec[];
  /** The faults for one request (header ones win per mode); uses up one of each matched fault's `times`. */
  take(
    kind: MockKind,
    path: string,
    headers: IncomingHttpHeaders,
    key?: string | undefined,
  ): FaultPlan | undefined;
}

/** Creates an empty {@link FaultStore}. */
export function createFaultStore(): FaultStore {
  let faults: FaultSpec[] = [];
  return {
    add(spec) {
      faults.push(parseFaultSpec(spec));
    },
    clear() {
      faults = [];
    },
    list() {
      return faults.map((fault) => ({ ...fault }));
    },
    take(kind, path, headers, key) {
      const fromHeaders = parseFaultHeaders(headers);
      // The common case (no faults at all) costs one length check and one header lookup.
      if (faults.length === 0 && fromHeaders.length === 0) return undefined;
      const plan: FaultPlan = {};
      for (const fault of faults) {
        if (plan[fault.mode] || !matches(fault, kind, path, key)) continue;
        plan[fault.mode] = fault;
        if (fault.times !== undefined) fault.times -= 1;
      }
      faults = faults.filter((fault) => fault.times === undefined || fault.times > 0);
      for (const spec of fromHeaders) plan[spec.mode] = spec;
      return plan;
    },
  };
}

function matches(fault: FaultSpec, kind: MockKind, path: string, key: string | undefined): boolean {
  if (fault.times !== undefined && fault.times <= 0) return false;
  if (fault.key !== undefined && fault.key !== key) return false;
  if (fault.kind !== undefined && parseMockKind(fault.kind) !== kind) return false;
  return fault.path === undefined || path.includes(fault.path);
}
