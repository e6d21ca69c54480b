import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rawBodyOf } from '../../kit/request-log.js';

/**
 * The framework-level 400 body Platform returns for a bad Content-Type (docs/reference/adobe-flow-service.md §3.2,
 * troubleshooting guide). Also used for a body that is not JSON at all: [INFERRED] both are rejected
 * while the body is read, before the service's own validation.
 */
export function sendBadRequest(res: Response, detail: string): void {
  res.status(400).json({ type: '/placeholder/type/uri', status: 400, title: 'BadRequestError', detail });
}

/**
 * Requires a JSON Content-Type on requests that carry a body (POST/PATCH, docs/reference/adobe-flow-service.md §3.1). PATCH
 * also accepts the RFC 6902 media type `application/json-patch+json`, since its body is a JSON Patch.
 */
export function requireJsonContentType(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' && req.method !== 'PATCH') return next();
    // Actions such as `POST /flows/{id}/action?op=publish` carry no body, and the docs' calls send no Content-Type.
    if (rawBodyOf(req) === '') return next();
    const mediaType = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    const allowed = req.method === 'PATCH' ? ['application/json', 'application/json-patch+json'] : ['application/json'];
    if (mediaType === undefined || !allowed.includes(mediaType)) {
      return sendBadRequest(res, 'A valid content-type must be specified');
    }
    next();
  };
}

/**
 * Parses the raw body as JSON. Invalid JSON gets the BadRequestError body; an empty (or `null`) body is answered by
 * `onEmpty`, in the service's own words. Returns undefined once it has answered.
 */
export function readJsonBody(req: Request, res: Response, onEmpty: () => void): { value: unknown } | undefined {
  const raw = rawBodyOf(req);
  let value: unknown = null;
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      sendBadRequest(res, `Malformed JSON request body: ${(error as Error).message}`);
      return undefined;
    }
  }
  if (value === null) {
    onEmpty();
    return undefined;
  }
  return { value };
}
