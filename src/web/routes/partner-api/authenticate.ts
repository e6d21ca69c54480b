import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../../errors/app-error.js';
import { partnerForApiKey } from '../../../partners/api-key.js';
import { apiPolicy } from '../../security/policies.js';
import type { Partner } from '../../../config/partner.js';

/** `Authorization: Bearer <api key>` (RFC 6750 §2.1); the partner found is kept in `res.locals.partner`. */
export function authenticatePartner(partners: readonly Partner[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(req.get('authorization') ?? '');
    const partner = match ? partnerForApiKey(partners, match[1]!) : undefined;
    if (!partner) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="connect-sessions"');
      return next(new AppError('PARTNER_UNAUTHORIZED', match ? 'unknown api key' : 'no bearer api key'));
    }
    res.locals.partner = partner;
    next();
  };
}

/** What every partner API router is mounted behind; the limiters are absent in tests that do not need them. */
export interface PartnerApiGuardDeps {
  config: { partners: readonly Partner[] };
  /** Per API key: runs after authentication, so limits can be per partner. */
  rateLimit?: RequestHandler;
  /** Per client address, before authentication: a budget of refused API keys, so keys cannot be guessed at speed. */
  authFailureLimit?: RequestHandler;
}

/** No-store and no cookie, the refused-keys budget, the API key, then the per-key limit: one order for every route. */
export function partnerApiGuards(deps: PartnerApiGuardDeps): RequestHandler[] {
  const pass: RequestHandler = (_req, _res, next) => next();
  return [apiPolicy, deps.authFailureLimit ?? pass, authenticatePartner(deps.config.partners), deps.rateLimit ?? pass];
}
