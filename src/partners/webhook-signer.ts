import { createHmac, timingSafeEqual } from 'node:crypto';

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

/**
 * What a receiver does with `HubSpot-AEP-Signature` (the demo partner portal uses it; the README shows the
 * same steps): recompute the HMAC over `t.rawBody`, compare in constant time, refuse timestamps outside the
 * tolerance (replays).
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: string,
  header: string | undefined,
  nowSeconds: number,
  toleranceSec = 300,
) {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m || Math.abs(nowSeconds - Number(m[1])) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, rawBody, Number(m[1])).slice(`t=${m[1]},v1=`.length), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2]!, 'hex'));
}
