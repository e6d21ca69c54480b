import type { NextFunction, Request, Response } from 'express';

/**
 * Security policies by kind of route, named in one place. Every response first gets the strict helmet
 * defaults of `securityHeaders` (the policy of top-level pages: no script, no framing, no referrer);
 * the policies below adjust them for the routes that need something else.
 */

/**
 * The partner API: answers are per-partner facts, so nothing may cache them, and it is called
 * server-to-server, so it neither sets nor reads cookies (it is mounted before the session middleware)
 * and sends no CORS header (browsers cannot call it cross-origin). docs/reference/peers-and-security.md.
 */
export function apiPolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.removeHeader('Set-Cookie');
  next();
}

/**
 * The connect-session page is a top-level page: it names the partner, AEP org and sandbox, and the
 * next step goes to HubSpot, whose consent page cannot be framed. So it keeps the top-level policy
 * (`frame-ancestors 'none'`, X-Frame-Options DENY: OWASP Clickjacking Defense) and is never cached,
 * since its URL carries the session's single-use token; `Referrer-Policy: no-referrer` keeps that
 * token out of the Referer sent to HubSpot.
 */
export function sessionPagePolicy(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
}
