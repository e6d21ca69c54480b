import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { locateOpenApiDocument, OpenApiDocument } from '../../src/demo/adobe/platform/openapi-document.js';
import type { RecordedRequest } from '../../src/demo/kit/request-log.js';
import { PROFILE_WITH_EMAIL, simulator, type SimName } from '../support/dataflow.js';
import { startHarness, type Harness } from '../support/harness.js';

/** Adobe's vendored documents, as published (no adaptation: the simulators' own allowances are not used here). */
const APIS: Record<SimName, string> = {
  flowService: 'flow-service',
  schemaRegistry: 'schema-registry',
  catalog: 'catalog',
  dataPrep: 'data-prep',
};

interface Parameter {
  name?: string;
  in?: string;
  required?: boolean;
  schema?: object;
  $ref?: string;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: object }> };
}
interface RawDocument {
  swagger?: string;
  paths: Record<string, Record<string, Operation>>;
  parameters?: Record<string, Parameter>;
  components?: { parameters?: Record<string, Parameter> };
}

function loadDocument(api: string) {
  const raw = parse(readFileSync(locateOpenApiDocument(api), 'utf8')) as RawDocument;
  return {
    id: `${api}.openapi.yaml`,
    raw,
    document: new OpenApiDocument(`${api}.openapi.yaml`, raw as ConstructorParameters<typeof OpenApiDocument>[1]),
  };
}

/** Every way one recorded request departs from the document: missing required headers, bad query, invalid body. */
function problemsOf(api: ReturnType<typeof loadDocument>, basePath: string, request: RecordedRequest): string[] {
  const path = request.path.slice(basePath.length);
  const found = Object.entries(api.raw.paths).flatMap(([template, operations]) => {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = Object.entries(operations).find(([method]) => method.toLowerCase() === request.method.toLowerCase())?.[1];
    return pattern.test(path) && operation ? [{ template, operation }] : [];
  });
  const match = found.sort((a, b) => b.template.split('{').length - a.template.split('{').length).reverse()[0];
  if (!match) return [`${request.method} ${path}: no such operation in ${api.id}`];
  const where = `${request.method} ${match.template}`;
  const resolve = (p: Parameter): Parameter => {
    const name = p.$ref?.split('/').pop();
    return name ? ((api.raw.swagger ? api.raw.parameters?.[name] : api.raw.components?.parameters?.[name]) ?? p) : p;
  };
  const parameters = (match.operation.parameters ?? []).map(resolve);
  const problems: string[] = [];
  for (const p of parameters.filter((x) => x.in === 'header' && x.required)) {
    if (request.headers[p.name!.toLowerCase()] === undefined) problems.push(`${where}: header ${p.name} missing`);
  }
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query)) for (const v of [value].flat()) query.append(key, String(v));
  const queryProblem = match.operation.operationId ? api.document.queryValidator(match.operation.operationId)(query) : undefined;
  if (queryProblem) problems.push(`${where}: ${queryProblem}`);
  const schema = api.raw.swagger
    ? parameters.find((p) => p.in === 'body')?.schema
    : match.operation.requestBody?.content?.['application/json']?.schema;
  if (schema && request.rawBody) {
    // The document's own `$ref`s, pointed at the document registered under its id.
    const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${api.id}#/`)) as object;
    const bodyProblem = api.document.validator(rooted)(JSON.parse(request.rawBody));
    if (bodyProblem) problems.push(`${where}: ${bodyProblem}`);
  }
  return problems;
}

describe("every request of the dataflow steps, checked against Adobe's vendored OpenAPI documents", () => {
  let h: Harness;
  beforeAll(async () => {
    // Profile mode with an email column: every step runs, the identity descriptor and the union tag included.
    h = await startHarness({ env: { DATAFLOW: 'auto', ...PROFILE_WITH_EMAIL.env }, adobe: PROFILE_WITH_EMAIL.adobe });
    for (const name of Object.keys(APIS) as SimName[]) simulator(h, name).requests.clear();
    // A connection first, then only what the dataflow steps send (explore included, the base connection's calls not).
    const run = await h.connect(h.browser());
    expect(run.html).toContain('data-testid="dataflow-status"');
    expect(h.sandbox.schemaRegistry.descriptors()).toHaveLength(1);
  });
  afterAll(async () => h.close());

  it('sends only requests the documents accept, except where the reference follows Adobe’s docs: lower-case objectType, op=publish without subOp, a numeric descriptor version and an array PATCH value', () => {
    const problems: string[] = [];
    const checked: string[] = [];
    for (const [name, api] of Object.entries(APIS) as [SimName, string][]) {
      const document = loadDocument(api);
      const basePath = new URL(h.sandbox[name].baseUrl).pathname;
      const requests = simulator(h, name).requests.entries.filter((r) => !/\/connections(\/[^/]+)?$/.test(r.path));
      for (const request of requests) {
        checked.push(`${request.method} ${request.path.slice(basePath.length)}`);
        problems.push(...problemsOf(document, basePath, request));
      }
    }
    // Every kind of call the steps make was seen (so an empty list of problems means something).
    for (const call of [
      /^GET \/connections\/[^/]+\/explore$/,
      /^POST \/tenant\/schemas$/,
      /^GET \/tenant\/descriptors$/,
      /^POST \/tenant\/descriptors$/,
      /^PATCH \/tenant\/schemas\/[^/]+$/,
      /^POST \/dataSets$/,
      /^POST \/sourceConnections$/,
      /^POST \/targetConnections$/,
      /^POST \/mappingSets\/validate$/,
      /^POST \/mappingSets$/,
      /^POST \/flows$/,
      /^POST \/flows\/[^/]+\/action$/,
    ]) {
      expect(
        checked.some((c) => call.test(c)),
        String(call),
      ).toBe(true);
    }
    // The places the reference (docs/reference/adobe-dataflow.md, conflicts table) follows Adobe's docs over the
    // OpenAPI: explore's objectType and the flow action's op in lower case, as every documented call sends them; the
    // descriptor's xdm:sourceVersion as the number 1; the schema PATCH's value as an array (RFC 6902).
    expect([...new Set(problems)]).toEqual([
      expect.stringMatching(/^GET \/connections\/\{BASE_CONNECTION_ID\}\/explore: query parameter objectType=root must be one of ROOT,/),
      expect.stringMatching(/^GET \/connections\/\{BASE_CONNECTION_ID\}\/explore: query parameter objectType=table must be one of ROOT,/),
      expect.stringMatching(/^POST \/flows\/\{FLOW_ID\}\/action: query parameter op=publish must be one of .*PUBLISH/),
      'POST /tenant/descriptors: body/xdm:sourceVersion must be string',
      'PATCH /tenant/schemas/{SCHEMA_ID}: body/0/value must be string',
    ]);
    const [publish] = h.sandbox.flowService.requests.find('POST', /\/flows\/[^/]+\/action$/);
    expect(publish!.query).toEqual({ op: 'publish' });
  });

  it('sends the forms the reference chose where Adobe disagrees with itself', () => {
    const flow = JSON.parse(h.sandbox.flowService.requests.find('POST', /\/flows$/)[0]!.rawBody);
    expect(flow.scheduleParams).toMatchObject({ interval: '1', backfill: true });
    expect(Number.isInteger(flow.scheduleParams.startTime)).toBe(true);
    expect(flow.transformations[1].params.mappingVersion).toBe('0');
    const source = JSON.parse(h.sandbox.flowService.requests.find('POST', /\/sourceConnections$/)[0]!.rawBody);
    expect(source.params).toEqual({ path: 'Hubspot.Contacts' });
    const target = JSON.parse(h.sandbox.flowService.requests.find('POST', /\/targetConnections$/)[0]!.rawBody);
    expect(target.data).toEqual({ schema: { id: expect.any(String), version: 'application/vnd.adobe.xed-full+json;version=1' } });
    const mapping = JSON.parse(h.sandbox.dataPrep.requests.find('POST', /\/mappingSets$/)[0]!.rawBody);
    expect(mapping).toHaveProperty('outputSchema');
    expect(mapping).not.toHaveProperty('xdmSchema');
    const schema = JSON.parse(h.sandbox.schemaRegistry.requests.find('POST', /\/tenant\/schemas$/)[0]!.rawBody);
    expect(typeof schema.description).toBe('string');
    const descriptor = JSON.parse(h.sandbox.schemaRegistry.requests.find('POST', /\/tenant\/descriptors$/)[0]!.rawBody);
    expect(descriptor['xdm:sourceVersion']).toBe(1);
    const patch = JSON.parse(h.sandbox.schemaRegistry.requests.find('PATCH', /\/tenant\/schemas\/[^/]+$/)[0]!.rawBody);
    expect(patch).toEqual([{ op: 'add', path: '/meta:immutableTags', value: ['union'] }]);
    // The document's `acceptDescriptors`: descriptors use `xdm` where schemas use `xed`.
    const lists = h.sandbox.schemaRegistry.requests.find('GET', /\/tenant\/descriptors$/);
    expect(lists.map((r) => r.headers.accept)).toEqual(['application/vnd.adobe.xdm-id+json']);
  });
});
