import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../../../errors/app-error.js';
import { partnerForApiKey } from '../../../partners/api-key.js';
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
