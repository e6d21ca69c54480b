import type { Request } from 'express';
import { AppError } from '../../errors/app-error.js';

/**
 * A state-changing POST (Retry, a connect session's "Connect HubSpot") must come from one of our own pages, not
 * from another site submitting a form for the user (OWASP CSRF Prevention Cheat Sheet, "Fetch Metadata" and
 * "Verifying Origin With Standard Headers"). Browsers that send `Sec-Fetch-Site` are judged by it alone: our
 * pages are `Referrer-Policy: no-referrer`, under which a browser sends `Origin: null` even for a same-origin
 * form (https://fetch.spec.whatwg.org/#origin-header). Without it, an `Origin` must be ours. Refused as
 * NOT_FOUND: a foreign page learns nothing.
 */
export function refuseCrossSitePost(publicBaseUrl: string, req: Request, what: string): void {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const ours = new URL(publicBaseUrl).origin;
  // `none`: the user's own action (no page made the request), never another site's.
  const allowed = site !== undefined ? site === 'same-origin' || site === 'none' : origin === undefined || origin === ours;
  if (!allowed) throw new AppError('NOT_FOUND', `${what} from another origin`);
}
