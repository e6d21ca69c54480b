import { createHash, timingSafeEqual } from 'node:crypto';
import type { Partner } from '../config/partner.js';

/**
 * The partner owning `apiKey`, if any. Keys are kept only as SHA-256 hashes; the hash of the presented
 * key is compared with every registered hash in constant time, so timing reveals neither the partner
 * nor how much of a hash matched.
 */
export function partnerForApiKey(partners: readonly Partner[], apiKey: string): Partner | undefined {
  const presented = createHash('sha256').update(apiKey, 'utf8').digest();
  let found: Partner | undefined;
  for (const partner of partners) {
    for (const hex of partner.apiKeySha256) {
      if (timingSafeEqual(presented, Buffer.from(hex, 'hex')) && !found) found = partner;
    }
  }
  return found;
}
