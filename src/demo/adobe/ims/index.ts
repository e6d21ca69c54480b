import express from 'express';
import { FaultInjector } from '../../kit/faults.js';
import { listenOnLoopback } from '../../kit/listen.js';
import { captureRequests, RequestLog } from '../../kit/request-log.js';
import { ImsTokenStore } from './token-store.js';
import { tokenRoute } from './token-route.js';
import type { ImsSimOptions, ImsSimulator } from './types.js';

export type { ImsSimCredential, ImsSimOptions, ImsSimulator, IssuedImsToken } from './types.js';

/** Documented lifetime of an S2S access token, in seconds: "usually 24 hours" (docs/reference/adobe-flow-service.md §4.2). */
const DEFAULT_EXPIRES_IN_SEC = 86399;

/**
 * Starts a local Adobe IMS that implements only what this service uses: the OAuth Server-to-Server
 * token endpoint (docs/reference/adobe-flow-service.md §4). Tokens it issues are checked by the Flow Service simulator via `verify`.
 */
export async function startImsSimulator(options: ImsSimOptions): Promise<ImsSimulator> {
  const faults = new FaultInjector();
  const requests = new RequestLog();
  const store = new ImsTokenStore();
  const expiresInSec = options.expiresInSec ?? DEFAULT_EXPIRES_IN_SEC;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(captureRequests(requests));
  app.use(faults.middleware());
  app.post('/ims/token/v3', tokenRoute([...options.credentials], store, expiresInSec));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', error_description: 'Unknown IMS endpoint' });
  });

  const listening = await listenOnLoopback(app, options.port ?? 0);
  return {
    url: listening.url,
    tokenUrl: `${listening.url}/ims/token/v3`,
    faults,
    requests,
    verify: (token) => store.verify(token),
    revokeAll: () => store.revokeAll(),
    tokensIssued: () => store.issuedCount,
    close: () => listening.close(),
  };
}
