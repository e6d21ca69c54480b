import { describe, expect, it } from 'vitest';
import { HealthState } from '../../src/health/health-state.js';
import { Incidents } from '../../src/health/incidents.js';
import { ReconnectOffers } from '../../src/health/reconnect-offers.js';
import { createLogger } from '../../src/logging/logger.js';
import type { HealthEventData, HealthEventType } from '../../src/partners/webhook-event.js';
import { MemoryRegistry } from '../../src/registry/memory-registry.js';
import { MemoryStore } from '../../src/store/memory-store.js';

const T0 = Date.UTC(2026, 0, 1);

/** Incidents over a memory registry holding one partner connection, with every event sent recorded. */
async function incidentsWithOneConnection() {
  const registry = new MemoryRegistry();
  await registry.upsert({
    id: 'conn',
    org: 'ORG@AdobeOrg',
    sandbox: 'prod',
    hubId: 7,
    partnerId: 'acme',
    partnerUserId: 'u-1',
    metadata: { tenant: 't-1' },
    at: T0,
  });
  const now = () => T0 + 1_000;
  const state = new HealthState(new MemoryStore({ now }), now);
  const sent: { type: HealthEventType; data: HealthEventData }[] = [];
  const offers = new ReconnectOffers({
    partners: [],
    publicBaseUrl: 'https://hac.example.com',
    ttlMs: 60_000,
    now,
    createSession: () => Promise.reject(new Error('no partner session in this test')),
  });
  const incidents = new Incidents({
    registry,
    state,
    offers,
    send: async (_partnerId, type, data) => Boolean(sent.push({ type, data })),
    logger: createLogger('silent'),
    now,
  });
  return { registry, state, incidents, sent, connection: (await registry.get('conn'))! };
}

describe('incidents', () => {
  it('When a check ends after the connection was deleted, then the row stays deleted and no incident opens or closes', async () => {
    const { registry, state, incidents, sent, connection } = await incidentsWithOneConnection();
    // The check read the row while it was live; a DELETE finished before the check wrote its verdict.
    await registry.update('conn', { status: 'deleted', at: T0 + 500 });

    await incidents.apply(connection, { status: 'needs_reauth', reason: 'credentials_rejected' });
    await incidents.apply(connection, { status: 'active' });
    await incidents.apply(connection, { status: 'unknown' }, 'AEP answered 503');
    expect(await registry.get('conn')).toMatchObject({ status: 'deleted', updatedAt: T0 + 500 });
    expect(await state.incident('conn')).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('puts the end user and metadata of the registry row in both health events', async () => {
    const { incidents, sent, connection } = await incidentsWithOneConnection();
    await incidents.apply(connection, { status: 'needs_reauth', reason: 'credentials_rejected' });
    await incidents.apply(connection, { status: 'active' });
    expect(sent.map((s) => [s.type, s.data.partner_user_id, s.data.metadata])).toEqual([
      ['connection.unhealthy', 'u-1', { tenant: 't-1' }],
      ['connection.recovered', 'u-1', { tenant: 't-1' }],
    ]);
  });
});
