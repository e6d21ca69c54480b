import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import type { BodyValidator, OpenApiDocument } from '../platform/openapi-document.js';
import { descriptorFormatOf, descriptorLookupAccepted } from './accept-header.js';
import { sendRegistryError } from './registry-error.js';
import type { RegistryState } from './registry-state.js';
import { registryBodyOf } from './schema-routes.js';
import { findSchema } from './schema-view.js';
import { propertyFilter } from '../platform/property-filter.js';
import type { StoredDescriptor } from './types.js';
import { STANDARD_NAMESPACES } from './xdm-resources.js';

type DescriptorBody = Record<string, unknown> & { '@type': string; 'xdm:sourceSchema'?: string; 'xdm:sourceProperty'?: string };

/**
 * The identity descriptor rules of the descriptors guide (https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/descriptors):
 * source schema, version, property, namespace and `xdm:property` are required, the property is a field of the
 * schema, the namespace exists, and a schema has at most one primary identity.
 */
function identityProblem(body: DescriptorBody, state: RegistryState, scope: { orgId: string; sandboxName: string }): string | undefined {
  for (const member of ['xdm:sourceSchema', 'xdm:sourceVersion', 'xdm:sourceProperty', 'xdm:namespace', 'xdm:property']) {
    if (body[member] === undefined) return `${member} is required for xdm:descriptorIdentity.`;
  }
  const schema = findSchema(state.schemas.all(), String(body['xdm:sourceSchema']), scope);
  if (!schema) return `The source schema ${String(body['xdm:sourceSchema'])} does not exist.`;
  if (String(body['xdm:sourceVersion']) !== schema.version.split('.')[0])
    return `xdm:sourceVersion must be the schema's major version ${schema.version.split('.')[0]}.`;
  const field = String(body['xdm:sourceProperty']).replace(/^\//, '').replaceAll('/', '.');
  if (!schema.fields.includes(field)) return `xdm:sourceProperty ${String(body['xdm:sourceProperty'])} is not a field of the schema.`;
  if (!STANDARD_NAMESPACES.includes(String(body['xdm:namespace'])))
    return `The identity namespace ${String(body['xdm:namespace'])} does not exist.`;
  if (body['xdm:property'] !== 'xdm:code' && body['xdm:property'] !== 'xdm:id') return "xdm:property must be 'xdm:code' or 'xdm:id'.";
  if (body['xdm:isPrimary'] === true && state.hasPrimaryIdentity(schema)) return 'The schema already has a primary identity.';
  return undefined;
}

/** The document's `acceptErrorDescriptorList` and `acceptErrorDescriptorLookup` examples: code, title and wording. */
const LIST_ACCEPT_ERROR = { code: 'XDM-1008-400', title: 'Accept header invalid' };
const LOOKUP_ACCEPT_ERROR = { code: 'XDM-1009-400', title: 'Accept header invalid' };

function refuseAccept(req: Request, res: Response, error: typeof LIST_ACCEPT_ERROR, expected: string): void {
  const detail = `The supplied Accept header is not valid: ${req.get('accept') ?? ''} - A valid Accept value should look like ${expected}`;
  sendRegistryError(req, res, 400, detail, error);
}

const viewOf = (d: StoredDescriptor) => ({ ...d.body, '@id': d.id, imsOrg: d.imsOrgId, version: '1', 'meta:containerId': 'tenant' });

/** `POST /tenant/descriptors`: 201 with the descriptor and its `@id`. Only identity descriptors are simulated. */
export function createDescriptorRoute(state: RegistryState, validate: BodyValidator): RequestHandler {
  return (req, res) => {
    const body = registryBodyOf<DescriptorBody>(req, res, validate);
    if (!body) return;
    if (body['@type'] !== 'xdm:descriptorIdentity')
      return sendRegistryError(req, res, 400, `The simulator supports only xdm:descriptorIdentity, not ${body['@type']}.`);
    const caller = callerOf(res);
    const problem = identityProblem(body, state, caller);
    if (problem) return sendRegistryError(req, res, 400, problem);
    const schema = findSchema(state.schemas.all(), String(body['xdm:sourceSchema']), caller);
    const descriptor: StoredDescriptor = {
      id: randomBytes(20).toString('hex'),
      imsOrgId: caller.orgId,
      sandboxName: caller.sandboxName,
      body: structuredClone(body),
      type: body['@type'],
      sourceSchema: schema?.$id ?? '',
    };
    state.descriptors.add(descriptor);
    state.creates.descriptors += 1;
    res.status(201).json(viewOf(descriptor));
  };
}

/** `GET /tenant/descriptors`: needs an `xdm` Accept (an `xed` one is a 400); grouped by `@type`, or `results` with `-v2`. */
export function listDescriptorsRoute(state: RegistryState, document: OpenApiDocument): RequestHandler {
  const checkQuery = document.queryValidator('listDescriptors');
  return (req, res) => {
    const invalid = checkQuery(rawQueryOf(req));
    if (invalid) return sendRegistryError(req, res, 400, `Invalid ${invalid}.`);
    const format = descriptorFormatOf(req.get('accept'));
    if (!format) return refuseAccept(req, res, LIST_ACCEPT_ERROR, 'application/vnd.adobe.xdm-id+json');
    const filter = propertyFilter(rawQueryOf(req).getAll('property'));
    if ('problem' in filter) return sendRegistryError(req, res, 400, filter.problem);
    const matching = state.descriptors.inScope(callerOf(res)).filter((d) => filter(viewOf(d)));
    const shown = (d: StoredDescriptor) =>
      format.view === 'id' ? d.id : format.view === 'link' ? `/tenant/descriptors/${d.id}` : viewOf(d);
    if (format.paged) return void res.json({ results: matching.map(shown), _page: { count: matching.length, next: null } });
    const grouped: Record<string, unknown[]> = {};
    for (const d of matching) (grouped[d.type] ??= []).push(shown(d));
    res.json(grouped);
  };
}

export function withDescriptor(state: RegistryState, handle: (req: Request, res: Response, d: StoredDescriptor) => void): RequestHandler {
  return (req, res) => {
    const descriptor = state.descriptors.get(String(req.params['id']), callerOf(res));
    if (!descriptor) return sendRegistryError(req, res, 404, `The descriptor ${String(req.params['id'])} was not found.`);
    handle(req, res, descriptor);
  };
}

/** `GET /tenant/descriptors/{id}`: no Accept or an `xdm` one; an `xed` one is a 400. */
export function getDescriptor(req: Request, res: Response, d: StoredDescriptor): void {
  if (!descriptorLookupAccepted(req.get('accept'))) return refuseAccept(req, res, LOOKUP_ACCEPT_ERROR, 'application/vnd.adobe.xdm+json');
  res.json(viewOf(d));
}

export function deleteDescriptor(state: RegistryState) {
  return (_req: Request, res: Response, d: StoredDescriptor): void => {
    state.descriptors.delete(d.id);
    res.status(204).end();
  };
}
