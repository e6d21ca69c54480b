import { createHmac } from 'node:crypto';

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
