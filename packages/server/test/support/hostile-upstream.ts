import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What a hostile (or broken) upstream does, chosen by the first segment of the path, so one server plays
 * every mode at once: a provider's endpoint is `<url>/<mode>/<kind>/...`.
 * - `echo_key-<status>`: answers `<status>` with the kind's error body, repeating the key it received.
 * - `echo_stream`: a 200 event stream whose first event is an error repeating the key.
 * - `echo_json`: a 200 JSON answer of the wrong shape holding the key (an SDK's validation error quotes it).
 * - `endless`: a 200 JSON answer that does not end (for bounded reading); it gives up after 256 MiB, so
 *   a gateway without a bound fails a test instead of taking the machine's memory.
 * - `redirect`: 307 to the `redirectTo` server, as a compromised or misconfigured edge would.
 * - `cut`: a 200 event stream of one content event in the kind's own shape, then a clean end: no finish
 *   reason, no `[DONE]`, no `message_stop`.
 */
export type HostileMode = 'echo_key' | 'echo_stream' | 'echo_json' | 'endless' | 'redirect' | 'cut';

/** The wire shape to answer in. */
export type HostileKind = 'openai' | 'anthropic' | 'google';

export interface HostileRequest {
  mode: string;
  kind: string;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The credential it was sent, from whichever header or query parameter carried it. */
  credential: string | undefined;
}

export interface HostileUpstream {
  url: string;
  /** `<url>/<mode>/<kind>`: an endpoint for a provider of that kind. */
  endpoint(mode: string, kind: HostileKind, suffix?: string): string;
  readonly requests: HostileRequest[];
  /** Bytes the endless answers wrote before the client hung up, one entry per answer, once it closed. */
  readonly endlessWritten: number[];
  close(): Promise<void>;
}

/** Where an `endless` answer stops after all. */
const ENDLESS_GIVES_UP_AT = 256 * 1024 * 1024;

function credentialOf(req: IncomingMessage, url: URL): string | undefined {
  const authorization = req.headers.authorization;
  if (typeof authorization === 'string') return authorization.replace(/^Bearer\s+/i, '');
  const header = req.headers['x-api-key'] ?? req.headers['x-goog-api-key'];
  if (typeof header === 'string') return header;
  return url.searchParams.get('key') ?? undefined;
}

function errorBody(kind: string, status: number, message: string): unknown {
  if (kind === 'anthropic') return { type: 'error', error: { type: 'authentication_error', message } };
  if (kind === 'google') return { error: { code: status, message, status: 'UNAUTHENTICATED' } };
  return { error: { message, type: 'invalid_request_error', code: 'invalid_api_key', param: null } };
}

/** One content event and nothing that ends the answer, in each kind's streaming shape. */
function cutStream(kind: string): string {
  if (kind === 'anthropic') {
    const start = {
      type: 'message_start',
      message: {
        id: 'msg_cut',
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-4-5-20251001',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 0 },
      },
    };
    return [
      `event: message_start\ndata: ${JSON.stringify(start)}\n\n`,
      `event: content_block_start\ndata: ${JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })}\n\n`,
      `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Half an ans' } })}\n\n`,
    ].join('');
  }
  if (kind === 'google') {
    const chunk = {
      candidates: [{ content: { parts: [{ text: 'Half an ans' }], role: 'model' }, index: 0 }],
      modelVersion: 'gemini-2.5-flash',
    };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  }
  const chunk = {
    id: 'chatcmpl-cut',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { role: 'assistant', content: 'Half an ans' }, finish_reason: null }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** An error event repeating the key, as the first event of a 200 stream. */
function errorEvent(kind: string, message: string): string {
  if (kind === 'anthropic') {
    const body = { type: 'error', error: { type: 'overloaded_error', message } };
    return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
  }
  return `data: ${JSON.stringify(errorBody(kind, 500, message))}\n\n`;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Starts the hostile upstream on a loopback port. `redirectTo` is where `redirect` sends callers. */
export async function startHostileUpstream(options: { redirectTo?: string } = {}): Promise<HostileUpstream> {
  const requests: HostileRequest[] = [];
  const endlessWritten: number[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://hostile');
    const [, modeSegment = '', kind = 'openai', ...rest] = url.pathname.split('/');
    const [mode, statusText] = modeSegment.split('-');
    const credential = credentialOf(req, url);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        mode: modeSegment,
        kind,
        method: req.method ?? 'GET',
        path: `/${rest.join('/')}`,
        headers: req.headers,
        credential,
      });
      const body = Buffer.concat(chunks).toString('utf8');
      const wantsStream =
        body.includes('"stream":true') || url.pathname.includes(':stream') || url.search.includes('alt=sse');
      const echoed = `Invalid key: ${credential ?? '(none)'}. Your key ${credential ?? ''} was rejected.`;
      switch (mode) {
        case 'echo_key':
          return sendJson(res, Number(statusText ?? 401), errorBody(kind, Number(statusText ?? 401), echoed));
        case 'echo_stream':
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          return res.end(errorEvent(kind, echoed));
        case 'echo_json':
          return sendJson(res, 200, { unexpected: echoed, models: echoed, data: echoed });
        case 'redirect': {
          const target = `${options.redirectTo ?? 'http://127.0.0.1:9'}/stolen${url.pathname}${url.search}`;
          res.writeHead(307, { location: target, 'content-length': 0 });
          return res.end();
        }
        case 'cut':
          if (!wantsStream) return sendJson(res, 200, { partial: true });
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          return res.end(cutStream(kind));
        case 'endless': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const piece = Buffer.from(`{"filler":"${'x'.repeat(64 * 1024)}"},`);
          let written = 0;
          const pump = () => {
            while (!res.destroyed && written < ENDLESS_GIVES_UP_AT && res.write(piece))
              written += piece.length;
            if (written >= ENDLESS_GIVES_UP_AT) return res.end();
            if (!res.destroyed) {
              written += piece.length;
              res.once('drain', pump);
            }
          };
          res.once('close', () => endlessWritten.push(written));
          res.write('{"data":[');
          return pump();
        }
        default:
          return sendJson(res, 404, { error: { message: `no mode ${mode}` } });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    endpoint: (mode, kind, suffix = kind === 'openai' ? '/v1' : kind === 'google' ? '/v1beta' : '/v1') =>
      `${url}/${mode}/${kind}${suffix}`,
    requests,
    endlessWritten,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A server that records every request it gets: where a redirect would have sent a key. */
export async function startRecordingServer(): Promise<{
  url: string;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}> {
  const requests: Array<{ path: string; headers: IncomingMessage['headers'] }> = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '/', headers: req.headers });
    req.resume();
    sendJson(res, 200, { stolen: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
