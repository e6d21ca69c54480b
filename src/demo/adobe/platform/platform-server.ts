import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { FaultInjector } from '../../kit/faults.js';
import { listenOnLoopback } from '../../kit/listen.js';
import { captureRequests, RequestLog } from '../../kit/request-log.js';
import type { IssuedImsToken } from '../ims/index.js';
import { gateway, type SandboxRejection } from './gateway.js';
import { requireJsonContentType } from './json-request.js';

/** What every Platform API simulator hands tests: where it listens, its faults and the requests it received. */
export interface PlatformServer {
  /** Scheme, host and port, e.g. `http://localhost:4321`. */
  url: string;
  /** `${url}${basePath}`: what the service's `*_BASE_URL` would be. */
  baseUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  close(): Promise<void>;
}

export interface PlatformServerOptions {
  port?: number;
  /** e.g. `/data/foundation/catalog` (platform.adobe.io's base path of the API). */
  basePath: string;
  router: Router;
  /** Answers a path or method the simulator does not serve, in the API's own error shape. */
  notFound(req: Request, res: Response): void;
  /** Answers an exception thrown by a route, in the API's own error shape. */
  internalError(req: Request, res: Response, error: unknown): void;
}

/**
 * One loopback server for one Platform API: requests are recorded first, then injected faults apply (so a test
 * can count the creates that a fault answered), then the API's router under its base path.
 */
export async function startPlatformServer(options: PlatformServerOptions): Promise<PlatformServer> {
  const faults = new FaultInjector();
  const requests = new RequestLog();
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(captureRequests(requests));
  app.use(faults.middleware());
  app.use(options.basePath, options.router);
  app.use((req: Request, res: Response) => options.notFound(req, res));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => options.internalError(req, res, error));
  const listening = await listenOnLoopback(app, options.port ?? 0);
  return {
    url: listening.url,
    baseUrl: `${listening.url}${options.basePath}`,
    faults,
    requests,
    close: () => listening.close(),
  };
}

/** The gateway options every Platform simulator takes. */
export interface PlatformApiOptions {
  port?: number;
  ims: { verify(token: string): IssuedImsToken | undefined };
  sandboxes?: string[];
}

/** A router that starts with the gateway (in the API's own sandbox errors) and the Content-Type rule. */
export function platformRouter(options: PlatformApiOptions, rejectSandbox: SandboxRejection): Router {
  const router = Router();
  router.use(gateway({ verify: (token) => options.ims.verify(token), sandboxes: [...(options.sandboxes ?? ['prod'])] }, rejectSandbox));
  router.use(requireJsonContentType());
  return router;
}

/** `startPlatformServer` for an API whose 404 and 500 answers come from one error sender. */
export function startApiServer(
  options: PlatformApiOptions,
  basePath: string,
  router: Router,
  sendError: (req: Request, res: Response, status: 404 | 500, detail: string) => void,
): Promise<PlatformServer> {
  return startPlatformServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    basePath,
    router,
    notFound: (req, res) => sendError(req, res, 404, `The resource ${req.method} ${req.path} was not found.`),
    internalError: (req, res, error) => sendError(req, res, 500, `An internal error occurred (${String(error)}).`),
  });
}
