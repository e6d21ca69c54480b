import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Enters `router` only for a path starting with one of `prefixes` (a cheap necessary condition: the router still
 * matches its routes exactly). Every app-level router is otherwise entered by every request and walks its
 * layers for nothing: a flow's callback went through the health, readiness, partner API, embed, home, connect
 * and session-page routers before reaching its own. Compared without case, as Express routes match by default.
 */
export function under(prefixes: readonly string[], router: RequestHandler): RequestHandler {
  const lower = prefixes.map((prefix) => prefix.toLowerCase());
  return (req: Request, res: Response, next: NextFunction) => {
    const path = req.path.toLowerCase();
    return lower.some((prefix) => path.startsWith(prefix)) ? router(req, res, next) : next();
  };
}
