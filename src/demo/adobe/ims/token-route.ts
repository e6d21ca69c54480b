import type { Request, RequestHandler, Response } from 'express';
import { rawBodyOf } from '../../kit/request-log.js';
import { rawQueryOf } from '../raw-query.js';
import { checkTokenRequest, readTokenParams, type OAuthError } from './token-request.js';
import type { ImsTokenStore } from './token-store.js';
import type { ImsSimCredential } from './types.js';

const FORM = 'application/x-www-form-urlencoded';

/** `POST /ims/token/v3`: the OAuth Server-to-Server client-credentials grant (docs/reference/adobe-flow-service.md §4.1, §4.2). */
export function tokenRoute(credentials: readonly ImsSimCredential[], store: ImsTokenStore, expiresInSec: number): RequestHandler {
  return (req: Request, res: Response) => {
    // The docs list the form content type as a required header, also when the parameters travel
    // in the query string (docs/reference/adobe-flow-service.md §4.1). [UNCONFIRMED] error body for a missing/wrong type.
    const mediaType = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== FORM) {
      return sendOAuthError(res, { error: 'invalid_request', error_description: `Content-Type must be ${FORM}` });
    }
    const params = readTokenParams(rawQueryOf(req), new URLSearchParams(rawBodyOf(req)));
    if (!(params instanceof Map)) return sendOAuthError(res, params);

    const check = checkTokenRequest(params, credentials);
    if (!check.ok) return sendOAuthError(res, check.error);

    const issued = store.issue(check.credential, check.scopes, expiresInSec);
    // RFC 6749 §5.1: token responses must not be cached.
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache');
    res.status(200).json({ access_token: issued.token, token_type: 'bearer', expires_in: expiresInSec });
  };
}

/** [UNCONFIRMED] status 400 for every token error, as public IMS client code expects (docs/reference/adobe-flow-service.md §4.3). */
function sendOAuthError(res: Response, error: OAuthError): void {
  res.set('Cache-Control', 'no-store').status(400).json(error);
}
