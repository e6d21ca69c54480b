import type { Response } from 'express';
import { newCorrelationId } from './ids.js';

/**
 * JSON with HubSpot's exact `application/json;charset=utf-8` (no space) and `no-store`, which
 * RFC 6749 §5.1 requires on token responses and costs nothing elsewhere.
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('Content-Type', 'application/json;charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.end(JSON.stringify(body));
}

/** HubSpot's generic error schema (docs/reference/hubspot-oauth.md §2.4, the API reference's `default` response). */
export function sendGenericError(res: Response, status: number, category: string, message: string): void {
  sendJson(res, status, {
    status: 'error',
    message,
    correlationId: newCorrelationId(),
    category,
    links: { 'knowledge-base': 'https://www.hubspot.com/products/service/knowledge-base' },
  });
}
