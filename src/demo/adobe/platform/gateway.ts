import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IssuedImsToken } from '../ims/index.js';

/** Who is calling, as established by the gateway; every connection lookup is scoped by it. */
export interface Caller {
  token: IssuedImsToken;
  orgId: string;
  sandboxName: string;
}

export interface GatewayOptions {
  verify(token: string): IssuedImsToken | undefined;
  sandboxes: readonly string[];
}

/** How an API answers a missing (`name` undefined) or unknown sandbox: each service in its own error shape. */
export type SandboxRejection = (req: Request, res: Response, name: string | undefined) => void;

/** Gateway errors use `{error_code, message}`, status = first three digits of the code (docs/reference/adobe-flow-service.md §3.2). */
function gatewayError(res: Response, errorCode: string, message: string): void {
  res.status(Number(errorCode.slice(0, 3))).json({ error_code: errorCode, message });
}

/**
 * The platform.adobe.io gateway checks, then the service's sandbox checks, in the order of docs/reference/adobe-flow-service.md
 * §3.2/§3.3: token, API key, org, sandbox. Statuses other than the missing-token 403 and the invalid-token
 * 401 are [INFERRED] from the error codes.
 */
export function gateway(options: GatewayOptions, rejectSandbox: SandboxRejection): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const authorization = req.get('authorization');
    if (authorization === undefined) return gatewayError(res, '403010', 'Oauth token is missing.');
    // RFC 7235 §2.1: the auth scheme is case-insensitive; the credentials are a single token.
    const bearer = /^bearer ([^\s]+)$/i.exec(authorization);
    const token = bearer?.[1] === undefined ? undefined : options.verify(bearer[1]);
    if (!token) return gatewayError(res, '401013', 'Oauth token is not valid');

    const apiKey = req.get('x-api-key');
    if (!apiKey) return gatewayError(res, '403000', 'Api Key is required');
    // The API key is the credential's client ID (docs/reference/adobe-flow-service.md §3.1, §4.1).
    if (apiKey !== token.clientId) return gatewayError(res, '403003', 'Api Key is invalid');

    const orgId = req.get('x-gw-ims-org-id');
    if (!orgId) return gatewayError(res, '400003', 'Missing header');
    if (orgId !== token.orgId) return gatewayError(res, '403025', 'Profile is not valid');

    // Strict choice: Adobe's API spec says every request needs x-sandbox-name, and Flow Service
    // defines 2105-400 for its absence, although the sandbox overview says a missing header falls
    // back to the default sandbox (docs/reference/adobe-flow-service.md §3.1, §4.5). Requiring it catches clients relying on that.
    const sandboxName = req.get('x-sandbox-name');
    if (!sandboxName) return rejectSandbox(req, res, undefined);
    // Names are all lowercase (docs/reference/adobe-flow-service.md §3.1); matched exactly, so `Prod` is an unknown sandbox.
    if (!options.sandboxes.includes(sandboxName)) return rejectSandbox(req, res, sandboxName);
    res.locals['caller'] = { token, orgId, sandboxName } satisfies Caller;
    next();
  };
}

/** The caller the gateway stored on `res.locals`; only valid in handlers mounted after `gateway`. */
export function callerOf(res: Response): Caller {
  const caller = res.locals['caller'] as Caller | undefined;
  if (!caller) throw new Error('callerOf() used on a route not behind the gateway');
  return caller;
}
