/**
 * Image inputs as the providers check them: base64 that really decodes, data URLs with an image media
 * type, and bytes that are the type they claim (Anthropic and OpenAI both sniff the bytes).
 */

/** The image types every provider of the mock accepts. */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:([^;,]+)((?:;[^;,]+)*),(.*)$/s;

/** The bytes of a base64 string, or `undefined` when it is not base64 (padding required, no spaces). */
export function decodeBase64(data: string): Buffer | undefined {
  if (data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) return undefined;
  return Buffer.from(data, 'base64');
}

/** A `data:<type>;base64,<data>` URL split into its parts, or `undefined` when it is not one. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = DATA_URL.exec(url);
  if (!match?.[2]?.split(';').includes('base64')) return undefined;
  return { mediaType: (match[1] as string).toLowerCase(), data: match[3] as string };
}

/** The image type of `bytes` from their magic number, or `undefined` for anything else. */
export function sniffImageType(bytes: Buffer): string | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}

/** Whether `url` is an absolute `http:` or `https:` URL. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/]+/i.test(url);
}
