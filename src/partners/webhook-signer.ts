import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'HubSpot-AEP-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`: the timestamp is signed with the
 * body so a receiver can refuse replays older than a few minutes (the Stripe scheme,
 * https://docs.stripe.com/webhooks#verify-manually).
 */
export function signWebhook(secret: string, rawBody: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
