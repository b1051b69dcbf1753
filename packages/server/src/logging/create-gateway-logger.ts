import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import { CREDENTIAL_HEADERS } from '../providers/credential-headers.js';
import type { KeyRedactor } from '../security/key-redactor.js';
import { scrubUrl } from './scrub-url.js';

/** Header paths pino hides in any object it logs, should one ever be logged whole: every credential header. */
const REDACTED_PATHS = [
  ...CREDENTIAL_HEADERS.map((credential) => `req.headers["${credential.header}"]`),
  'req.headers.cookie',
];

export interface GatewayLoggerOptions {
  /** Pino level; the server reads `LOG_LEVEL` (default `info`). */
  level?: string | undefined;
  /** The app's key redactor: every finished line is scrubbed of every key it knows (and learns later). */
  redactor: KeyRedactor;
  /** Where lines go; default stdout. */
  destination?: DestinationStream | undefined;
  /**
   * Readable lines for a person at a terminal (`LOG_FORMAT`, see `resolveLogFormat`); default JSON. Formatted
   * in-process (pino-pretty as a stream, not a worker thread), so a line is written before the process exits.
   */
  pretty?: { colorize: boolean } | undefined;
}

/** What Fastify logs of a request (its own serializer's fields), with secrets in the query scrubbed. */
function serializeRequest(request: {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : scrubUrl(request.url),
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * The gateway's logger. Two guards, so that no provider key reaches a log line whatever object a line is
 * built from: path redaction of the credential headers, and a last pass over each finished line (pino's
 * `streamWrite` hook) that replaces every key the redactor knows. The pass costs an `includes` per known
 * key per line; log lines are per request, never per streamed chunk. Tokens in a URL's query (`?token=`,
 * Google's `?key=`) are scrubbed by the request serializer.
 */
export function createGatewayLogger(options: GatewayLoggerOptions): Logger {
  const { redactor } = options;
  const settings = {
    level: options.level ?? 'info',
    redact: REDACTED_PATHS,
    serializers: { req: serializeRequest },
    hooks: { streamWrite: (line: string) => redactor.redact(line) },
  };
  const destination = options.destination ?? process.stdout;
  if (!options.pretty) return pino(settings, destination);
  // Loaded only for a terminal: JSON logging (services, containers) does not pay for it at startup.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pino(
    settings,
    pretty({
      destination,
      colorize: options.pretty.colorize,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      singleLine: true,
      sync: true,
    }),
  );
}
