import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { followSession, newApiKey, partnerApi, partnersEnv } from '../support/partners.js';

const ACME_ADOBE = { imsOrg: 'ACME0000000000000000001@AdobeOrg', clientId: 'acme-client', clientSecret: 'acme-secret-0123456789' };
const INITECH_ADOBE = { imsOrg: 'INITECH00000000000000002@AdobeOrg', clientId: 'initech-client', clientSecret: 'initech-secret-0123456' };

describe('per-partner Adobe targets', () => {
  let h: Harness;
  const keys = { acme: newApiKey(), initech: newApiKey(), globex: newApiKey() };
  beforeAll(async () => {
    h = await startHarness({
      env: partnersEnv([
        { id: 'acme', apiKey: keys.acme, adobe: ACME_ADOBE },
        { id: 'initech', apiKey: keys.initech, adobe: INITECH_ADOBE, sandboxes: ['dev'] },
        { id: 'globex', apiKey: keys.globex },
      ]),
      adobe: { extraAccounts: [ACME_ADOBE, INITECH_ADOBE], extraSandboxes: ['dev'] },
    });
  });
  afterAll(() => h.close());

  async function connectAs(partner: keyof typeof keys) {
    const api = partnerApi(h.url, keys[partner]);
    const { id, url } = await (await api.create({})).json();
    const run = await followSession(h.browser(), url);
    return { run, session: await (await api.read(id)).json() };
  }

  it('creates each partner’s connection in its own AEP org, and the deployment’s org for a partner without one', async () => {
    const acme = await connectAs('acme');
    const initech = await connectAs('initech');
    const globex = await connectAs('globex');
    expect(acme.run.html).toContain(ACME_ADOBE.imsOrg);
    expect(initech.run.html).toContain(INITECH_ADOBE.imsOrg);
    expect(globex.run.html).toContain(h.config.adobe.imsOrg);
    const where = (connectionId: string) => {
      const c = h.sandbox.flowService.connections().find((x) => x.id === connectionId);
      return c && { org: c.imsOrgId, sandbox: c.sandboxName };
    };
    expect(where(acme.session.connection_id)).toEqual({ org: ACME_ADOBE.imsOrg, sandbox: 'prod' });
    expect(where(initech.session.connection_id)).toEqual({ org: INITECH_ADOBE.imsOrg, sandbox: 'dev' });
    expect(where(globex.session.connection_id)).toEqual({ org: h.config.adobe.imsOrg, sandbox: 'prod' });
  });

  it('keeps one IMS token per org: a second flow to an org reuses its cached token', async () => {
    const before = h.sandbox.ims.tokensIssued();
    await connectAs('acme');
    await connectAs('initech');
    expect(h.sandbox.ims.tokensIssued()).toBe(before);
  });
});
