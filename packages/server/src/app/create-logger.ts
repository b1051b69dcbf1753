import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import { CREDENTIAL_HEADERS } from '../providers/credential-headers.js';

/** `LOG_FORMAT`: `pretty` (coloured, one readable line per event), `json` (one JSON object per line). */
export type LogFormat = 'pretty' | 'json';

export interface CreateLoggerOptions {
  /** `LOG_LEVEL`; default `info`. */
  level?: string | undefined;
  /** `LOG_FORMAT`; default `pretty` when `stdout` is a terminal, `json` otherwise (files, pipes, collectors). */
  format?: string | undefined;
  /** Whether standard output is a terminal (`process.stdout.isTTY`). */
  isTerminal: boolean;
  /** Where lines go; default standard output. Tests pass their own. */
  destination?: NodeJS.WritableStream | undefined;
}

/** The format a run logs in: what `LOG_FORMAT` says, else pretty for a person at a terminal, JSON for machines. */
export function resolveLogFormat(format: string | undefined, isTerminal: boolean): LogFormat {
  if (format === 'pretty' || format === 'json') return format;
  return isTerminal ? 'pretty' : 'json';
}

/**
 * The server's logger. Pretty lines are formatted in-process (pino-pretty as a stream, not a worker thread),
 * so a line is written before the process can exit. Redaction applies in both formats.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const settings = {
    level: options.level ?? 'info',
    // Belt and braces: nothing logs the credential headers, and if something ever did, they would be hidden.
    redact: CREDENTIAL_HEADERS.map((credential) => `req.headers["${credential.header}"]`),
  };
  const destination = options.destination ?? process.stdout;
  if (resolveLogFormat(options.format, options.isTerminal) === 'json') return pino(settings, destination);
  return pino(
    settings,
    pretty({
      destination,
      colorize: options.isTerminal,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      singleLine: true,
      sync: true,
    }),
  );
}
