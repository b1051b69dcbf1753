import { refuseField } from '../../../errors/refuse-field.js';

/** A `data:` URL's media type and base64 payload. */
export interface DataUrl {
  mediaType: string;
  base64: string;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w-]+=[^;,]*)*);base64,([A-Za-z0-9+/=\s]*)$/;

/**
 * Reads a base64 `data:` URL (`data:image/png;base64,...`), the way OpenAI's clients send inline images
 * and files. Only base64 payloads: a percent-encoded one is refused by name.
 * @see https://developer.mozilla.org/en-US/docs/Web/URI/Reference/Schemes/data
 */
export function parseDataUrl(url: string, field: string): DataUrl {
  const match = DATA_URL.exec(url);
  if (!match)
    throw refuseField(field, 'is a data: URL that is not base64: send data:<media type>;base64,<data>.');
  return { mediaType: match[1] ?? 'application/octet-stream', base64: (match[3] ?? '').replace(/\s+/g, '') };
}
