import { afterEach, describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../src/flows/flow-record.js';
import {
  CREATES,
  ONE_OF_EACH,
  PROFILE_WITH_EMAIL,
  countCreates,
  pressDataflowButton,
  simulator,
  testId,
  type CreateName,
} from '../support/dataflow.js';
import { startHarness, type Harness } from '../support/harness.js';

describe('the HubSpot Contacts dataflow after the connection', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const flowOf = async (resultUrl: string) => (await h!.services.store.get<FlowRecord>(`flow:${resultUrl.split('/').pop()}`))!;

  it('offers the dataflow under the connection, and one click creates and publishes it: scheduled, with its ids and schedule', async () => {
    h = await startHarness();
    const browser = h.browser();
    const run = await h.connect(browser);
    expect(testId(run.html, 'result-title')).toBe('HubSpot is connected');
    expect(testId(run.html, 'dataflow-status')).toBe('offered');
    expect(run.html).toContain('data-testid="dataflow-create"');
    expect(run.html).toContain('HubSpot Contacts (hub ');
    expect(run.html).toContain('every hour');
    expect(countCreates(h)).toEqual({
      schema: 0,
      descriptor: 0,
      dataset: 0,
      sourceConnection: 0,
      targetConnection: 0,
      mapping: 0,
      flow: 0,
    });

    const before = Math.floor(Date.now() / 1000);
    const done = await pressDataflowButton(h, browser, run.resultUrl);
    expect(testId(done.html, 'dataflow-status')).toBe('scheduled');
    expect(testId(done.html, 'result-title')).toBe('HubSpot is connected');
    const flowId = testId(done.html, 'dataflow-id');
    expect(h.sandbox.flowService.flows().map((f) => f.id)).toEqual([flowId]);
    expect(testId(done.html, 'dataset-id')).toBe(h.sandbox.catalog.datasets()[0]!.id);
    expect(testId(done.html, 'schema-id')).toBe(h.sandbox.schemaRegistry.schemas()[0]!.$id);
    expect(testId(done.html, 'dataflow-schedule')).toMatch(/^every hour, from \d\d:\d\d UTC$/);
    expect(countCreates(h)).toEqual(ONE_OF_EACH);

    // The flow as Flow Service received it: a draft, integer seconds in the future, string interval, boolean backfill.
    const [post] = simulator(h, 'flowService').requests.find('POST', CREATES.flow.path);
    expect(post!.query).toMatchObject({ mode: 'draft' });
    const body = JSON.parse(post!.rawBody);
    expect(Number.isInteger(body.scheduleParams.startTime)).toBe(true);
    expect(body.scheduleParams.startTime).toBeGreaterThan(before);
    expect(body.scheduleParams).toMatchObject({ frequency: 'hour', interval: '1', backfill: true });
    expect(body.transformations[0].params.deltaColumn.name).toBe('Added_At');
    expect(typeof body.transformations[1].params.mappingVersion).toBe('string');
    expect(simulator(h, 'flowService').requests.find('POST', /\/flows\/[^/]+\/action$/)).toHaveLength(1);
    // Explore's Contacts has no email column and only Added_At as a date: the page says so.
    expect(done.html).toContain('Only the creation date (Added_At)');
  });

  it('while the dataflow is being created, its progress page shows dataflow-status running', async () => {
    h = await startHarness();
    const browser = h.browser();
    const run = await h.connect(browser);
    // A slow Schema Registry keeps the steps running while the page is read.
    h.sandbox.schemaRegistry.faults.inject({ method: 'POST', path: CREATES.schema.path }, { delayMs: 1_000 });
    const pressed = await browser.request(`${run.resultUrl}/dataflow`, { method: 'POST', headers: { origin: h.url } });
    expect(pressed.status).toBe(303);
    const progress = await (await browser.get(run.resultUrl)).text();
    expect(progress).toContain('http-equiv="refresh"');
    expect(testId(progress, 'dataflow-status')).toBe('running');
    expect(testId((await h.followProgress(browser, run.resultUrl)).html, 'dataflow-status')).toBe('scheduled');
  });

  it('in auto mode runs the dataflow straight after the connection, with no click', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
    expect(run.html).not.toContain('data-testid="dataflow-create"');
    expect(countCreates(h)).toEqual(ONE_OF_EACH);
    expect((await flowOf(run.resultUrl)).status).toBe('connected');
  });

  it('with DATAFLOW=off changes nothing: no offer, and no call to the dataflow APIs', async () => {
    h = await startHarness({ env: { DATAFLOW: 'off' } });
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'connection-id')).toBeTruthy();
    expect(run.html).not.toContain('data-testid="dataflow-status"');
    for (const api of ['schemaRegistry', 'catalog', 'dataPrep'] as const) expect(simulator(h, api).requests.entries).toEqual([]);
    expect(
      simulator(h, 'flowService')
        .requests.find('GET', /\/explore$/)
        .filter((r) => r.query.objectType === 'table'),
    ).toEqual([]);
  });

  it('connecting the same portal again creates nothing new and shows the dataflow that exists', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    const first = await h.connect(h.browser());
    const second = await h.connect(h.browser());
    expect(testId(second.html, 'dataflow-status')).toBe('scheduled');
    expect(testId(second.html, 'dataflow-id')).toBe(testId(first.html, 'dataflow-id'));
    expect(countCreates(h)).toEqual(ONE_OF_EACH);
  });

  it('in offer mode, a reconnect shows the existing dataflow instead of offering a second one', async () => {
    h = await startHarness();
    const browser = h.browser();
    const first = await h.connect(browser);
    const made = await pressDataflowButton(h, browser, first.resultUrl);
    const again = await h.connect(h.browser());
    expect(testId(again.html, 'dataflow-status')).toBe('scheduled');
    expect(again.html).not.toContain('data-testid="dataflow-create"');
    expect(testId(again.html, 'dataflow-id')).toBe(testId(made.html, 'dataflow-id'));
    expect(countCreates(h)).toEqual(ONE_OF_EACH);
  });

  for (const name of Object.keys(CREATES) as CreateName[]) {
    it(`a lost answer (504 after the ${name} was made) is found again: no duplicate, and the dataflow is scheduled`, async () => {
      // Only Profile mode, with an email column, makes the identity descriptor.
      const profile = name === 'descriptor';
      const env = { DATAFLOW: 'auto', ...(profile ? PROFILE_WITH_EMAIL.env : {}) };
      h = await startHarness({ env, ...(profile ? { adobe: PROFILE_WITH_EMAIL.adobe } : {}) });
      const { api, method, path } = CREATES[name];
      simulator(h, api).faults.inject({ method, path }, { lostAnswer: true, status: 504 });
      const run = await h.connect(h.browser());
      expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
      expect(countCreates(h)).toEqual({ ...ONE_OF_EACH, descriptor: profile ? 1 : 0 });
    });
  }

  it('a 403 on the dataset keeps the connection and names the missing permission, Manage Datasets', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    const forbidden = { status: 403, body: { type: 'https://ns.adobe.com/aep/errors/CAT-1403-403', title: 'Forbidden', status: 403 } };
    h.sandbox.catalog.faults.inject({ method: 'POST', path: CREATES.dataset.path }, forbidden);
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'result-title')).toBe('HubSpot is connected');
    expect(testId(run.html, 'dataflow-status')).toBe('failed');
    expect(testId(run.html, 'dataflow-error')).toBe('DATAFLOW_PERMISSION_DENIED');
    expect(run.html).toContain('Dataflow not finished');
    expect(run.html).toContain('Stopped at: Creating the dataset');
    expect(run.html).toContain('lacks the Manage Datasets permission');
    expect(run.html).toContain('data-testid="dataflow-finish"');
    expect((await flowOf(run.resultUrl)).status).toBe('connected');
    expect(countCreates(h).sourceConnection).toBe(0);
  });

  it('a failed validation of the id mapping stops before the mapping set and /flows', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    h.sandbox.dataPrep.rejectDestinations.add('_id');
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('failed');
    expect(testId(run.html, 'dataflow-error')).toBe('DATAFLOW_MAPPING_INVALID');
    expect(simulator(h, 'dataPrep').requests.find('POST', /\/mappingSets\/validate$/)).toHaveLength(1);
    expect(countCreates(h)).toMatchObject({ mapping: 0, flow: 0 });
  });

  it('drops another field that validation refuses, with a warning, and still schedules the dataflow', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    h.sandbox.dataPrep.rejectDestinations.add('person.name.lastName');
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
    expect(run.html).toContain('Adobe refused the mapping of Properties_Lastname_Value');
    const created = JSON.parse(simulator(h, 'dataPrep').requests.find('POST', CREATES.mapping.path)[0]!.rawBody);
    expect(created.mappings.map((m: { source: string }) => m.source)).not.toContain('Properties_Lastname_Value');
  });

  it('Finish setting up resumes at the failed step: what was made before is not looked for or made again', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    h.sandbox.catalog.faults.inject({ method: 'POST', path: CREATES.dataset.path }, { status: 403, body: { title: 'Forbidden' } });
    const browser = h.browser();
    const run = await h.connect(browser);
    expect(testId(run.html, 'dataflow-status')).toBe('failed');
    const explores = simulator(h, 'flowService').requests.find('GET', /\/explore$/).length;
    const schemaLookups = simulator(h, 'schemaRegistry').requests.entries.length;

    const done = await pressDataflowButton(h, browser, run.resultUrl);
    expect(testId(done.html, 'dataflow-status')).toBe('scheduled');
    expect(simulator(h, 'flowService').requests.find('GET', /\/explore$/)).toHaveLength(explores);
    expect(simulator(h, 'schemaRegistry').requests.entries).toHaveLength(schemaLookups);
    expect(countCreates(h)).toEqual({ ...ONE_OF_EACH, dataset: 2 });
    expect(h.sandbox.catalog.datasets()).toHaveLength(1);
  });

  it('with DATAFLOW_PROFILE but no email column in explore, skips Profile with a warning: no identity, no Profile tags', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto', DATAFLOW_PROFILE: 'true' } });
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
    expect(run.html).toContain('HubSpot shows no email column, so the contacts are not enabled for Profile.');
    expect(countCreates(h)).toEqual(ONE_OF_EACH);
    const dataset = JSON.parse(simulator(h, 'catalog').requests.find('POST', CREATES.dataset.path)[0]!.rawBody);
    expect(dataset).not.toHaveProperty('tags');
  });

  it('where Flow Service refuses the draft mode (1368-400), creates the flow without it, once', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    const refused = { type: 'https://ns.adobe.com/aep/errors/FLOW-1368-400', title: 'Mode is not allowed in flow request', status: 400 };
    simulator(h, 'flowService').faults.inject({ method: 'POST', path: CREATES.flow.path }, { status: 400, body: refused });
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
    const posts = simulator(h, 'flowService').requests.find('POST', CREATES.flow.path);
    expect(posts.map((p) => p.query.mode ?? null)).toEqual(['draft', null]);
    expect(h.sandbox.flowService.flows()).toHaveLength(1);
  });

  it('refuses the dataflow button from another browser or another origin', async () => {
    h = await startHarness();
    const owner = h.browser();
    const run = await h.connect(owner);
    const post = (headers: Record<string, string>) => owner.request(`${run.resultUrl}/dataflow`, { method: 'POST', headers });
    expect((await post({ origin: 'https://attacker.example' })).status).toBe(404);
    expect((await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(404);
    const stranger = h.browser();
    await stranger.get(`${h.url}/connect`);
    expect((await stranger.request(`${run.resultUrl}/dataflow`, { method: 'POST', headers: { origin: h.url } })).status).toBe(404);
    expect((await flowOf(run.resultUrl)).dataflow?.status).toBe('offered');
  });

  it('in demo mode the first run succeeds a few seconds after publishing, and a reload shows it', async () => {
    h = await startHarness({ env: { DATAFLOW: 'auto' } });
    const browser = h.browser();
    const run = await h.connect(browser);
    expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
    const until = Date.now() + 15_000;
    let html = run.html;
    while (!/succeeded/.test(testId(html, 'dataflow-run') ?? '') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      html = await (await browser.get(run.resultUrl)).text();
    }
    expect(testId(html, 'dataflow-run')).toMatch(/^succeeded \(\d+ records\)$/);
  });
});
