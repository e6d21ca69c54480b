import { Router } from 'express';

/** GET /healthz for load balancers: the process is up and serving. */
export function healthRoute(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  return router;
}
