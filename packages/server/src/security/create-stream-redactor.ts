import type { KeyRedactor } from './key-redactor.js';

/** Scrubs keys out of a body that arrives in chunks; a key split across two chunks is caught too. */
export interface StreamRedactor {
  /** The scrubbed bytes that can go out now (a key's length minus one is held back). */
  write(chunk: Buffer): Buffer;
  /** What was held back, scrubbed, at the end of the body. */
  end(): Buffer;
}

/**
 * A streaming form of `redactor.redact` for error answers the proxy passes on. Bytes are read as latin1,
 * one character per byte, so the output is the input byte for byte except where a (printable ASCII) key
 * stood, whatever the body's encoding. Whatever could be the start of a key is held until the next chunk
 * shows whether it is one.
 */
export function createStreamRedactor(redactor: KeyRedactor): StreamRedactor {
  let pending = '';
  return {
    write(chunk) {
      const text = redactor.redact(pending + chunk.toString('latin1'));
      const keep = Math.min(text.length, Math.max(0, redactor.longest - 1));
      pending = text.slice(text.length - keep);
      return Buffer.from(text.slice(0, text.length - keep), 'latin1');
    },
    end() {
      const rest = redactor.redact(pending);
      pending = '';
      return Buffer.from(rest, 'latin1');
    },
  };
}
