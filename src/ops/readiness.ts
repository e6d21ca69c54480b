import { Router } from 'express';
import { withTimeout } from './metrics.js';

/** One dependency the instance cannot serve without (Redis, the job queue, the database). */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean>;
}

/** A check that does not answer within this long counts as failed: a load balancer must not wait on us. */
const CHECK_TIMEOUT_MS = 1_000;

/**
 * GET /readyz: 200 when every configured dependency answers, else 503, so a load balancer sends no user to
 * an instance that would fail them (https://kubernetes.io/docs/reference/using-api/health-checks/). Config is
 * loaded by construction: the app cannot be built without a valid one. Names only, never addresses.
 */
export function readinessRoute(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await withTimeout(c.check(), CHECK_TIMEOUT_MS, false)] as const));
    const ready = results.every(([, ok]) => ok);
    res.setHeader('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not ready',
      checks: Object.fromEntries([['config', 'ok'], ...results.map(([name, ok]) => [name, ok ? 'ok' : 'failing'])]),
    });
  });
  return router;
}
