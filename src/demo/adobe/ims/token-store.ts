import { randomBytes } from 'node:crypto';
import type { ImsSimCredential, IssuedImsToken } from './types.js';

/**
 * Access tokens the simulator has issued. Real IMS tokens are JWTs, but clients must treat them as
 * opaque (docs/reference/adobe-flow-service.md §4.2 says only "cache and reuse until it expires"), so the simulator issues random
 * strings that nothing can decode.
 */
export class ImsTokenStore {
  readonly #tokens = new Map<string, IssuedImsToken>();
  #issued = 0;

  issue(credential: ImsSimCredential, scopes: string[], expiresInSec: number): IssuedImsToken {
    const issued: IssuedImsToken = {
      token: `sim-ims.${randomBytes(48).toString('base64url')}`,
      clientId: credential.clientId,
      orgId: credential.orgId,
      scopes: [...scopes],
      expiresAt: Date.now() + expiresInSec * 1000,
    };
    this.#tokens.set(issued.token, issued);
    this.#issued += 1;
    return issued;
  }

  /** The token's grant, or undefined when unknown, revoked or expired. */
  verify(token: string): IssuedImsToken | undefined {
    const found = this.#tokens.get(token);
    if (!found) return undefined;
    if (found.expiresAt <= Date.now()) {
      this.#tokens.delete(token);
      return undefined;
    }
    return { ...found, scopes: [...found.scopes] };
  }

  revokeAll(): void {
    this.#tokens.clear();
  }

  get issuedCount(): number {
    return this.#issued;
  }
}
