import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsApp } from '../../src/ops/metrics-app.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('GET /metrics on its own port', () => {
  let h: Harness;
  let server: Server;
  let metricsUrl: string;
  beforeAll(async () => {
    h = await startHarness();
    server = createServer(createMetricsApp(h.services.metrics));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    metricsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(async () => {
    server.close();
    await h.close();
  });

  it('counts flow starts, upstream calls by upstream and status, IMS token fetches and the queue depth', async () => {
    await h.connect(h.browser());
    await h.startConnect(h.browser());
    const res = await fetch(metricsUrl);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^hac_flows_started_total 2$/m);
    expect(text).toMatch(/^hac_ims_token_fetches_total 1$/m);
    expect(text).toMatch(/^hac_upstream_request_duration_seconds_count\{upstream="flow-service",status="200"\} [1-9]/m);
    expect(text).toMatch(/^hac_upstream_request_duration_seconds_count\{upstream="adobe-ims",status="200"\} 1$/m);
    expect(text).toMatch(/^hac_upstream_request_duration_seconds_count\{upstream="hubspot",status="200"\} 1$/m);
    expect(text).toMatch(/^hac_queue_depth 0$/m);
    expect(text).toContain('hac_process_resident_memory_bytes');
    // No URL, token or secret reaches a label.
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(h.config.adobe.clientSecret);
  });

  it('is not served on the public port', async () => {
    expect((await fetch(`${h.url}/metrics`)).status).toBe(404);
  });
});
