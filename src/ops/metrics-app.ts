import express, { type Express } from 'express';
import type { Metrics } from './metrics.js';

/**
 * The app behind METRICS_PORT: only GET /metrics, in Prometheus text format. It is never mounted on the
 * public port, so scrapes stay on the operator's network (https://prometheus.io/docs/operating/security/).
 */
export function createMetricsApp(metrics: Metrics): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return app;
}
