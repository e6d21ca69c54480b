import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'HubSpot-AEP-Signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`, one `v1` per secret: the timestamp is
 * signed with the body so a receiver can refuse replays older than a few minutes, and while a partner rotates
 * its secret (`secretEnvs: [NEW, OLD]`) each delivery verifies with either (the Stripe scheme,
 * https://docs.stripe.com/webhooks#verify-manually).
 */
export function signWebhook(secrets: readonly string[], rawBody: string, unixSeconds: number): string {
  const signatures = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`, 'utf8').digest('hex')}`,
  );
  return [`t=${unixSeconds}`, ...signatures].join(',');
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
): boolean {
  const parts = (header ?? '').split(',');
  const t = /^t=(\d+)$/.exec(parts[0] ?? '')?.[1];
  if (!t || Math.abs(nowSeconds - Number(t)) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook([secret], rawBody, Number(t)).slice(`t=${t},v1=`.length), 'hex');
  return parts
    .slice(1)
    .map((p) => /^v1=([0-9a-f]{64})$/.exec(p)?.[1])
    .some((v1) => v1 !== undefined && timingSafeEqual(expected, Buffer.from(v1, 'hex')));
}
