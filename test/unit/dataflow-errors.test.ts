import { describe, expect, it } from 'vitest';
import { dataflowError } from '../../src/adobe/dataflow-errors.js';

describe('Experience Platform errors met while building the dataflow', () => {
  it('name the missing permission by the API that answered 403', () => {
    expect(dataflowError('schema-registry', 403, '{}', 'create schema').details).toMatchObject({ permission: 'Manage Schemas' });
    expect(dataflowError('catalog', 403, '', 'create dataset').details).toMatchObject({ permission: 'Manage Datasets' });
    expect(dataflowError('flow-service', 403, '', 'create flow').details).toMatchObject({ permission: 'Manage Sources' });
    expect(dataflowError('data-prep', 403, '', 'create mapping').code).toBe('DATAFLOW_PERMISSION_DENIED');
  });

  it('keep Adobe’s own code on any other 4xx, and read 429/5xx as unavailable and 401 as a stale token', () => {
    const rejected = dataflowError(
      'flow-service',
      400,
      JSON.stringify({ type: 'https://ns.adobe.com/aep/errors/FLOW-1367-400' }),
      'create flow',
    );
    expect(rejected).toMatchObject({ code: 'DATAFLOW_REJECTED', details: { adobeCode: 'FLOW-1367-400', upstreamStatus: 400 } });
    expect(dataflowError('catalog', 409, 'not json', 'x').details).toMatchObject({ adobeCode: '409' });
    expect(dataflowError('catalog', 429, '', 'x').code).toBe('AEP_UNAVAILABLE');
    expect(dataflowError('data-prep', 503, '', 'x').code).toBe('AEP_UNAVAILABLE');
    expect(dataflowError('schema-registry', 401, '', 'x').code).toBe('AEP_UNAUTHORIZED');
  });
});
