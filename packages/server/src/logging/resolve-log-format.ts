/** `LOG_FORMAT`: `pretty` (coloured, one readable line per event), `json` (one JSON object per line). */
export type LogFormat = 'pretty' | 'json';

/** The format a run logs in: what `LOG_FORMAT` says, else pretty for a person at a terminal, JSON for machines. */
export function resolveLogFormat(format: string | undefined, isTerminal: boolean): LogFormat {
  if (format === 'pretty' || format === 'json') return format;
  return isTerminal ? 'pretty' : 'json';
}
