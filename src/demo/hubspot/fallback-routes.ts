import type { NextFunction, Request, Response } from 'express';
import { sendGenericError } from './json-response.js';

/** Any other path: HubSpot's generic error schema with `OBJECT_NOT_FOUND` (docs/reference/hubspot-oauth.md §2.4). */
export function handleNotFound(req: Request, res: Response): void {
  sendGenericError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find resource for ${req.method} ${req.path}`);
}

/** Errors Express raises itself (e.g. an undecodable `%` in a path): the same schema, never a stack trace. */
export function handleError(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 500;
  if (res.headersSent) {
    res.end();
    return;
  }
  sendGenericError(res, status, status < 500 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR', status < 500 ? 'Invalid request' : 'Internal error');
}
