import type { Response } from 'express';

/**
 * Sends the browser on with an empty body. Express's `res.redirect` negotiates a text or HTML note for the body on
 * every call (RFC 9110 §15.4 makes that note optional: "usually contains a short hypertext note"), which cost a
 * content negotiation per answer on the two redirects of every flow for a body no browser shows. `res.location`
 * encodes the target as `res.redirect` does; nothing here varies with the request.
 */
export function redirectTo(res: Response, status: 301 | 302 | 303, location: string): void {
  res.status(status).location(location);
  res.setHeader('Content-Length', '0');
  res.end();
}
