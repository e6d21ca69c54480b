import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet on every response. Our pages need no script at all, so CSP stays strict; framing is refused
 * (`frame-ancestors 'none'`, X-Frame-Options DENY) because the OAuth steps must run top-level
 * (RFC 9700 §4.16, OWASP Clickjacking). `Referrer-Policy: no-referrer` keeps the callback URL, which
 * carries the code, out of any Referer (RFC 9700 §4.2.4).
 */
export function securityHeaders(options: { https: boolean }) {
  return onceForAllResponses(helmet(securityHeaderOptions(options)));
}

/** helmet's options for our pages (exported so a test can compare the replayed headers with helmet's own). */
export function securityHeaderOptions(options: { https: boolean }): HelmetOptions {
  return {
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
  };
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * Runs helmet once, when the app is built, and replays the headers it set on every response. Our policy
 * depends on nothing in the request (no nonce, no per-request directive), so helmet's dozen middlewares would
 * compute the same strings for every response. Per-route policies (src/web/security/policies.ts) adjust the
 * result afterwards, as before. Not for options holding a per-request function (a CSP nonce): its build-time
 * value would be frozen into every response (the popup's nonce page sets its own CSP instead).
 */
function onceForAllResponses(middleware: NodeMiddleware) {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`security header ${name} is not a fixed string`);
      set.push([name, value]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
  };
  let done = false;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('the security headers middleware did not finish synchronously');
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const name of removed) res.removeHeader(name);
    for (const [name, value] of set) res.setHeader(name, value);
    next();
  };
}

/** Pages with per-user outcomes and every step of the OAuth round trip: never stored by any cache. */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  next();
}
