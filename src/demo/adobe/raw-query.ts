import type { Request } from 'express';

/**
 * The query string exactly as sent, for parsing with URLSearchParams: unlike `req.query` it keeps
 * repeated parameters in order and never turns `a[b]=c` into objects, so the simulators can be strict.
 */
export function rawQueryOf(req: Request): URLSearchParams {
  const start = req.originalUrl.indexOf('?');
  return new URLSearchParams(start === -1 ? '' : req.originalUrl.slice(start + 1));
}
