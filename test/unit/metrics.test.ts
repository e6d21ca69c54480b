import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { Metrics } from '../../src/ops/metrics.js';

const loaded = loadConfig({});
if (!loaded.ok) throw new Error(loaded.problems.join());
const target = { org: 'ORG@AdobeOrg', sandbox: 'prod' };

describe('Metrics', () => {
  it('counts finished flows from flow events, by outcome and error code', async () => {
    const metrics = new Metrics(loaded.config, async () => 3);
    await metrics.flowEvents.emit({ type: 'connection.created', flowId: 'f1', at: 0, target });
    await metrics.flowEvents.emit({ type: 'connection.failed', flowId: 'f2', at: 0, target, errorCode: 'AEP_TIMEOUT' });
    await metrics.flowEvents.emit({ type: 'connection.failed', flowId: 'f3', at: 0, target, errorCode: 'AEP_TIMEOUT' });
    metrics.webhookDelivery('delivered');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^hac_flows_finished_total\{outcome="created",error_code=""\} 1$/m);
    expect(text).toMatch(/^hac_flows_finished_total\{outcome="failed",error_code="AEP_TIMEOUT"\} 2$/m);
    expect(text).toMatch(/^hac_webhook_deliveries_total\{outcome="delivered"\} 1$/m);
    expect(text).toMatch(/^hac_queue_depth 3$/m);
  });

  it('reports an unknown queue depth as NaN rather than hanging a scrape', async () => {
    const metrics = new Metrics(loaded.config, () => new Promise<number>(() => {}));
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^hac_queue_depth Nan$/im);
  });
});
