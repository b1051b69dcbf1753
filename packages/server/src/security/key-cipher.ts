import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What a sealed key starts with: the format's version, so a later change of scheme can tell old rows. */
const SEALED_PREFIX = 'v1';
/** AES-256-GCM's recommended nonce length (NIST SP 800-38D): 96 bits, random per seal. */
const NONCE_BYTES = 12;
/** HKDF's salt and info: a key derived here is only ever this cipher's. */
const HKDF_SALT = 'switchboard/provider-keys';
const HKDF_INFO = 'aes-256-gcm v1';

/** Encrypts keys for the database and decrypts them back. Knows its secret; never serialize. */
export interface KeyCipher {
  /**
   * `v1.<nonce>.<tag>.<ciphertext>` (base64url). `context` (`provider/label`) is bound in as associated
   * data: a sealed key copied to another row does not open there.
   */
  seal(plain: string, context: string): string;
  /** The key back; throws when the secret is not the one it was sealed with or the text was altered. */
  open(sealed: string, context: string): string;
  toJSON(): string;
}

/** Creates the cipher from a secret (any string or bytes; 32+ characters of it), through HKDF-SHA256. */
export function createKeyCipher(secret: string | Buffer): KeyCipher {
  const key = Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, HKDF_INFO, 32));
  return {
    seal(plain, context) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [nonce, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
      return [SEALED_PREFIX, ...parts].join('.');
    },
    open(sealed, context) {
      const [prefix, nonce, tag, body] = sealed.split('.');
      if (prefix !== SEALED_PREFIX || nonce === undefined || tag === undefined || body === undefined) {
        throw new Error('not a sealed key of this version');
      }
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    toJSON: () => '[key cipher]',
  };
}
