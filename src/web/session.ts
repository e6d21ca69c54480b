import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import type { Config } from '../config/config.js';
import { randomToken } from '../flows/pkce.js';

declare module 'express-session' {
  interface SessionData {
    /** Random id binding OAuth attempts to this browser (RFC 9700 §2.1: state bound to the user agent). */
    browserId?: string;
    /** When the session was last saved with a fresh expiry (see renewSessionWhenDue). */
    renewedAt?: number;
  }
}

/**
 * Anonymous sessions only bind a browser to its flows, so they live minutes, not a day: 20 minutes idle, longer
 * than a flow's 10 minutes on HubSpot's consent page.
 */
export const SESSION_IDLE_MS = 20 * 60 * 1000;
/** A used session's expiry (store TTL and cookie) is pushed back at most this often, so it ends 19 to 20 minutes after last use. */
export const SESSION_RENEW_AFTER_MS = 60 * 1000;

/**
 * Session cookie: HttpOnly, SameSite=Lax (Strict would not be sent on the return from HubSpot, which is a
 * cross-site top-level navigation: docs/reference/peers-and-security.md §B.3), Secure and `__Host-` prefixed when the public
 * URL is https. Behind a TLS-terminating proxy, TRUST_PROXY must be set or the Secure cookie is never
 * sent (express-session README, "cookie.secure"). `saveUninitialized: false`: no session until a flow starts.
 * Not `rolling`: that re-signs the cookie and rewrites the session in the store on every response (a flow's
 * callback and result page come seconds after its start); renewSessionWhenDue does it at most once a minute.
 * The store has no `touch` for the same reason: the store's expiry and the cookie's move together, on save.
 */
export function sessionMiddleware(config: Config, store: session.Store) {
  const secure = config.publicBaseUrl.startsWith('https:');
  return session({
    name: secure ? '__Host-hac.sid' : 'hac.sid',
    secret: config.sessionSecret,
    store,
    resave: false,
    rolling: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_IDLE_MS },
  });
}

/** Renews a used session's expiry when its last renewal is over SESSION_RENEW_AFTER_MS old (a save, with a new cookie). */
export function renewSessionWhenDue(req: Request, _res: Response, next: NextFunction): void {
  const session = req.session as (typeof req.session & { cookie?: { expires?: Date | null } }) | undefined;
  const expires = session?.cookie?.expires;
  if (session?.browserId && expires && expires.getTime() - Date.now() < SESSION_IDLE_MS - SESSION_RENEW_AFTER_MS) {
    session.renewedAt = Date.now();
  }
  next();
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
 * Gives the browser a session id nobody else can know before a flow starts (OWASP Session Fixation; OWASP
 * Session Management Cheat Sheet, "Renew the Session ID"). What fixation needs is an id the attacker knows that
 * names a session the victim then uses. express-session never adopts an id it did not issue: a cookie naming no
 * stored session gets a fresh random id on this very request, which no one else has seen. So only a session that
 * came from the store can have been planted, and that is one holding a browser id (nothing else is ever saved:
 * `saveUninitialized: false`). That one is replaced (new id, old one destroyed) and the binding id carried over,
 * so that flows already started in other tabs still complete; a fresh one is kept, saving a destroy and a new id.
 */
export function regenerateSession(req: Request): Promise<void> {
  const browserId = req.session.browserId;
  if (browserId === undefined) return Promise.resolve();
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => {
      if (err) return reject(err);
      req.session.browserId = browserId;
      resolve();
    }),
  );
}
