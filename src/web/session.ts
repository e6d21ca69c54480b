import type { Request } from 'express';
import session from 'express-session';
import type { Config } from '../config/config.js';
import { randomToken } from '../flows/pkce.js';

declare module 'express-session' {
  interface SessionData {
    /** Random id binding OAuth attempts to this browser (RFC 9700 §2.1: state bound to the user agent). */
    browserId?: string;
  }
}

/**
 * Anonymous sessions only bind a browser to its flows, so they live minutes, not a day: 20 minutes idle
 * (rolling), longer than a flow's 10 minutes on HubSpot's consent page.
 */
export const SESSION_IDLE_MS = 20 * 60 * 1000;

/**
 * Session cookie: HttpOnly, SameSite=Lax (Strict would not be sent on the return from HubSpot, which is a
 * cross-site top-level navigation: docs/reference/peers-and-security.md §B.3), Secure and `__Host-` prefixed when the public
 * URL is https. Behind a TLS-terminating proxy, TRUST_PROXY must be set or the Secure cookie is never
 * sent (express-session README, "cookie.secure"). `saveUninitialized: false`: no session until a flow starts.
 */
export function sessionMiddleware(config: Config, store: session.Store) {
  const secure = config.publicBaseUrl.startsWith('https:');
  return session({
    name: secure ? '__Host-hac.sid' : 'hac.sid',
    secret: config.sessionSecret,
    store,
    resave: false,
    rolling: true,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_IDLE_MS },
  });
}

/** The browser's binding id, created on first use. */
export function ensureBrowserId(req: Request): string {
  req.session.browserId ??= randomToken();
  return req.session.browserId;
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

/**
 * Replaces the session (new id, old one destroyed) and carries the browser's binding id over, so that
 * flows already started in other tabs still complete (OWASP Session Management Cheat Sheet, "Renew the Session ID").
 */
export function regenerateSession(req: Request): Promise<void> {
  const browserId = req.session.browserId;
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => {
      if (err) return reject(err);
      if (browserId) req.session.browserId = browserId;
      resolve();
    }),
  );
}
