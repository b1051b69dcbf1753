/**
 * The mock's own HTTP controls under `/_mock/`, so a demo or another process can steer it:
 * `GET|POST|DELETE /_mock/faults` (list, add one or an array, clear), `GET|DELETE /_mock/requests`
 * (list, clear with usage and aborts) and `GET /_mock/usage` (the reported usage tally).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultStore, parseFaultSpec } from './faults.js';
import { parseJsonBody, readBody } from './read-body.js';
import type { Recorder } from './recorder.js';

/** Path prefix of the control routes. */
export const CONTROL_PREFIX = '/_mock/';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Answers one control request. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: { faults: FaultStore; recorder: Recorder },
): Promise<void> {
  const { faults, recorder } = deps;
  const route = `${req.method} ${pathname.slice(CONTROL_PREFIX.length)}`;
  switch (route) {
    case 'GET faults':
      return send(res, 200, { faults: faults.list() });
    case 'DELETE faults':
      faults.clear();
      return send(res, 200, { faults: [] });
    case 'POST faults': {
      const parsed = parseJsonBody(await readBody(req));
      if ('error' in parsed) return send(res, 400, { error: { message: `invalid JSON: ${parsed.error}` } });
      try {
        const specs = (Array.isArray(parsed.value) ? parsed.value : [parsed.value]).map(parseFaultSpec);
        for (const spec of specs) faults.add(spec);
      } catch (error) {
        return send(res, 400, { error: { message: (error as Error).message } });
      }
      return send(res, 200, { faults: faults.list() });
    }
    case 'GET requests':
      return send(res, 200, { requests: recorder.requests });
    case 'DELETE requests':
      recorder.clear();
      return send(res, 200, { requests: [] });
    case 'GET usage':
      return send(res, 200, recorder.reportedUsage);
  }
  send(res, 404, { error: { message: `unknown mock control route: ${req.method} ${pathname}` } });
}
