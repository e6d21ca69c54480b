import { describe, expect, it } from 'vitest';
import { CREATES, ONE_OF_EACH, PROFILE_WITH_EMAIL, countCreates, simulator, testId } from '../support/dataflow.js';
import { harnessPerTest } from '../support/harness-per-test.js';

describe('the dataflow with DATAFLOW_PROFILE, when explore shows an email column', () => {
  const start = harnessPerTest();
  const startProfile = () => start({ env: { DATAFLOW: 'auto', ...PROFILE_WITH_EMAIL.env }, adobe: PROFILE_WITH_EMAIL.adobe });

  it('schedules the dataflow with one primary Email identity on the schema, the union tag, and a dataset enabled for Profile', async () => {
    const h = await startProfile();
    const run = await h.connect(h.browser());
    expect(testId(run.html, 'dataflow-status')).toBe('scheduled');
    expect(run.html).not.toContain('not enabled for Profile');
    expect(countCreates(h)).toEqual({ ...ONE_OF_EACH, descriptor: 1 });

    const [schema] = h.sandbox.schemaRegistry.schemas();
    expect(schema!.immutableTags).toEqual(['union']);
    expect(h.sandbox.schemaRegistry.descriptors().map((d) => d.body)).toEqual([
      expect.objectContaining({
        '@type': 'xdm:descriptorIdentity',
        'xdm:sourceSchema': schema!.$id,
        'xdm:sourceProperty': '/personalEmail/address',
        'xdm:namespace': 'Email',
        'xdm:isPrimary': true,
      }),
    ]);
    expect(h.sandbox.catalog.datasets()[0]!.tags).toEqual({ unifiedProfile: ['enabled: true'], unifiedIdentity: ['enabled: true'] });
    const mapping = JSON.parse(simulator(h, 'dataPrep').requests.find('POST', CREATES.mapping.path)[0]!.rawBody);
    expect(mapping.mappings).toContainEqual(
      expect.objectContaining({ source: 'Properties_Email_Value', destination: 'personalEmail.address' }),
    );
    // Descriptors take an `xdm` Accept, not the schemas' `xed` (schema-registry.openapi.yaml, acceptDescriptors).
    const [lookup] = simulator(h, 'schemaRegistry').requests.find('GET', /\/tenant\/descriptors$/);
    expect(lookup!.headers.accept).toBe('application/vnd.adobe.xdm-id+json');
  });

  it('connecting the same portal again finds the identity: no second descriptor', async () => {
    const h = await startProfile();
    await h.connect(h.browser());
    const again = await h.connect(h.browser());
    expect(testId(again.html, 'dataflow-status')).toBe('scheduled');
    expect(countCreates(h)).toEqual({ ...ONE_OF_EACH, descriptor: 1 });
    expect(h.sandbox.schemaRegistry.descriptors()).toHaveLength(1);
  });
});
