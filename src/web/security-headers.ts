import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet on every response. Our pages need no script at all, so CSP stays strict; framing is refused
 * (`frame-ancestors 'none'`, X-Frame-Options DENY) because the OAuth steps must run top-level
 * (RFC 9700 §4.16, OWASP Clickjacking). `Referrer-Policy: no-referrer` keeps the callback URL, which
 * carries the code, out of any Referer (RFC 9700 §4.2.4).
 */
export function securityHeaders(options: { https: boolean }) {
  return helmet({
    // HSTS and upgrade-insecure-requests only make sense when we are served over https; on
    // http://localhost (demo mode) they would send the browser to an https port nobody listens on.
    strictTransportSecurity: options.https,
    contentSecurityPolicy: {
      directives: {
        'upgrade-insecure-requests': options.https ? [] : null,
        'default-src': ["'self'"],
        'script-src': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'"],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'none'"],
        'object-src': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** Pages with per-user outcomes and every step of the OAuth round trip: never stored by any cache. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
}
