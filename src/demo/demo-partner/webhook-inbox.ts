import express, { Router } from 'express';
import { SIGNATURE_HEADER, verifyWebhookSignature } from '../../partners/webhook-signer.js';

export interface ReceivedWebhook {
  receivedAt: string;
  signatureValid: boolean;
  body: unknown;
}

/** Last webhooks kept for the page; a demo needs a screenful, not a history. */
const KEEP = 50;

/**
 * The demo partner's webhook endpoint: checks each POST's signature with the demo partner's secret, as a
 * real partner must, and keeps the last ones (with the check's result) for its page.
 */
export function webhookInbox(secret: string, onValid: (body: unknown) => void = () => undefined) {
  const received: ReceivedWebhook[] = [];
  const router = Router();
  router.post('/webhooks', express.text({ type: () => true, limit: '64kb' }), (req, res) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    const signatureValid = verifyWebhookSignature(secret, raw, req.get(SIGNATURE_HEADER), Date.now() / 1000);
    let body: unknown = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // Kept as text: the page shows what arrived.
    }
    received.unshift({ receivedAt: new Date().toISOString(), signatureValid, body });
    if (signatureValid) onValid(body);
    received.length = Math.min(received.length, KEEP);
    res.status(signatureValid ? 204 : 401).end();
  });
  return { router, received: (): readonly ReceivedWebhook[] => received };
}
