import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/** Tokens kept for resume and Retry live at most this long (and are wiped earlier on success or failure). */
export const SEALED_TOKENS_TTL_MS = 15 * 60 * 1000;

const VERSION = 'v1';

/**
 * Seals secrets kept in a flow record (the authorization code until it is exchanged, then HubSpot's tokens)
 * with AES-256-GCM: a random 96-bit IV per seal (NIST SP 800-38D §8.2.2) and the 128-bit tag checked on open.
 * The flow id is bound in as additional data, so a sealed value copied into another flow does not open.
 * Output: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
export class TokenSealer {
  /** Imported once: given raw bytes, every cipher would import the key again. */
  readonly #key: KeyObject;

  constructor(keyBase64: string) {
    const raw = Buffer.from(keyBase64, 'base64');
    if (raw.length !== 32) throw new Error('token encryption key must be 32 bytes');
    this.#key = createSecretKey(raw);
  }

  seal(flowId: string, value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(flowId, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** The sealed value, or undefined when it was tampered with, sealed for another flow or with another key. */
  open<T>(flowId: string, sealed: string): T | undefined {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(flowId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch {
      return undefined;
    }
  }
}
