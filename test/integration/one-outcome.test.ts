import { describe, expect, it } from 'vitest';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import type { ConnectSession } from '../../src/partners/connect-session.js';
import { useWebhookHarness } from '../support/webhook-harness.js';
import { continueSession, followSession } from '../support/partners.js';
import { RecordingStore } from '../support/recording-store.js';

/**
 * The store, noting at the instant a flow record is saved as finished what its partner session says then.
 * Whoever reads the finished record next (the callback's fast path, the progress page, another instance)
 * goes on to the popup's last page or the SDK, which read the session.
 */
class OrderWatchingStore extends RecordingStore {
  readonly seenAtFinish: Array<{ flow: string; session: string | undefined }> = [];
  override async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    const record = value as Partial<FlowRecord>;
    if (key.startsWith('flow:') && (record.status === 'connected' || record.status === 'failed') && record.origin) {
      const session = await this.get<ConnectSession>(`connect-session:${record.origin.sessionId}`);
      this.seenAtFinish.push({ flow: record.status, session: session?.status });
    }
    return super.set(key, value, ttlMs);
  }
}

describe('one outcome, in order', () => {
  const startWithWebhooks = useWebhookHarness();
  const start = async () => {
    const store = new OrderWatchingStore();
    return { ...(await startWithWebhooks({ harness: { store }, partner: { embedOrigins: ['https://p.example'] } })), store };
  };

  it('When a popup flow succeeds, then its session reads completed before the flow is saved connected, and the popup page says so', async () => {
    const { h, store, api, receiver } = await start();
    const { url, id, token } = await (await api.create({})).json();
    // The SDK first attaches the session from the partner's page, whose origin must be registered (embed.js).
    const attached = await fetch(`${h.url}/embed/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'application/json', origin: 'https://p.example' },
      body: JSON.stringify({ token }),
    });
    expect(attached.status).toBe(200);
    const browser = h.browser();
    const go = await continueSession(browser, url, '?mode=popup');
    const consent = await decideConsent(go.headers.get('location')!, 'grant');
    const back = await browser.get(new URL(consent.headers.get('location')!, go.headers.get('location')!).toString());
    let location = back.headers.get('location')!;
    // Not finished within the fast path: the progress page sends the browser on once it is.
    for (let i = 0; i < 100 && location.startsWith('/result/'); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      location = (await browser.get(new URL(location, h.url).toString())).headers.get('location') ?? location;
    }
    expect(location).toBe(`/embed/v1/done/${id}`);
    const done = await (await browser.get(new URL(location, h.url).toString())).text();
    expect(done).toContain('data-status="completed"');
    expect(store.seenAtFinish).toEqual([{ flow: 'connected', session: 'completed' }]);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.type).toBe('connection.created');
  });

  it('When a partner flow fails, then its session reads failed before the flow is saved failed', async () => {
    const { h, store, api, receiver } = await start();
    const { url } = await (await api.create({})).json();
    await followSession(h.browser(), url, 'cancel');
    expect(store.seenAtFinish).toEqual([{ flow: 'failed', session: 'failed' }]);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body.data.error_code).toBe('CONSENT_DENIED');
  });

  it('When a partner flow’s state expires at claim time, then its session, metric and webhook say connection.failed', async () => {
    const { h, store, api, receiver } = await start();
    const { url, id } = await (await api.create({})).json();
    const browser = h.browser();
    await browser.get(url);
    const go = await continueSession(browser, url);
    const consent = await decideConsent(go.headers.get('location')!, 'grant');
    h.clock.advance(10 * 60 * 1000 + 1);
    try {
      const back = await browser.get(new URL(consent.headers.get('location')!, go.headers.get('location')!).toString());
      expect(back.status).toBe(400);
      expect(await back.text()).toContain('STATE_EXPIRED');
    } finally {
      h.clock.advance(-(10 * 60 * 1000 + 1));
    }
    expect(store.seenAtFinish).toEqual([{ flow: 'failed', session: 'failed' }]);
    const [hook] = await receiver.waitFor(1);
    expect(hook!.body).toMatchObject({ type: 'connection.failed', data: { session_id: id, error_code: 'STATE_EXPIRED' } });
    expect((await (await api.read(id)).json()).status).toBe('failed');
    const metrics = await h.services.metrics.registry.metrics();
    expect(metrics).toMatch(/hac_flows_finished_total\{[^}]*STATE_EXPIRED[^}]*\} 1/);
  });
});
