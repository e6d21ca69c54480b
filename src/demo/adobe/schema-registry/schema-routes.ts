import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import { readJsonBody } from '../platform/json-request.js';
import type { BodyValidator, OpenApiDocument } from '../platform/openapi-document.js';
import { listFormatOf, lookupVersionOf } from './accept-header.js';
import { sendRegistryError } from './registry-error.js';
import type { RegistryState } from './registry-state.js';
import { findSchema, tenantOf, toSchemaSummary, toSchemaView } from './schema-view.js';
import { propertyFilter } from '../platform/property-filter.js';
import type { StoredSchema } from './types.js';
import { composeSchema } from './xdm-resources.js';

interface CreateSchemaBody {
  type: string;
  title: string;
  description: string;
  allOf: { $ref?: string }[];
}

/** Parses the JSON body and checks it against the operation's schema; answers 400 itself and returns undefined otherwise. */
export function registryBodyOf<T>(req: Request, res: Response, validate: BodyValidator): T | undefined {
  const parsed = readJsonBody(req, res, () => sendRegistryError(req, res, 400, 'The request body is missing.'));
  if (!parsed) return undefined;
  const invalid = validate(parsed.value);
  if (invalid !== undefined) {
    sendRegistryError(req, res, 400, `The request payload is invalid: ${invalid}.`);
    return undefined;
  }
  return parsed.value as T;
}

/**
 * `POST /tenant/schemas` (https://experienceleague.adobe.com/en/docs/experience-platform/xdm/api/schemas): 201 with the
 * schema's `$id` and `meta:altId`. Beyond `createSchema` (type, title, description and allOf required): `type` is
 * `object`, `allOf` names one known class and field groups meant for it, and titles are unique in the sandbox
 * ([INFERRED] 409: the find-by-title look-up Adobe documents only makes sense if a title names one schema).
 */
export function createSchemaRoute(state: RegistryState, validate: BodyValidator): RequestHandler {
  return (req, res) => {
    const body = registryBodyOf<CreateSchemaBody>(req, res, validate);
    if (!body) return;
    if (body.type !== 'object') return sendRegistryError(req, res, 400, `A schema's type must be 'object', not '${body.type}'.`);
    if (body.title.trim() === '') return sendRegistryError(req, res, 400, 'A schema needs a title.');
    const refs = body.allOf.map((entry) => entry.$ref ?? '');
    const composed = composeSchema(refs);
    if ('problem' in composed) return sendRegistryError(req, res, 400, composed.problem);
    const caller = callerOf(res);
    if (state.schemas.inScope(caller).some((s) => s.title === body.title)) {
      return sendRegistryError(req, res, 409, `A schema titled '${body.title}' already exists in this sandbox.`);
    }
    const tenant = tenantOf(caller.orgId);
    const hex = randomBytes(16).toString('hex');
    const now = Date.now();
    const schema: StoredSchema = {
      id: `_${tenant}.schemas.${hex}`,
      $id: `https://ns.adobe.com/${tenant}/schemas/${hex}`,
      imsOrgId: caller.orgId,
      sandboxName: caller.sandboxName,
      title: body.title,
      description: body.description,
      type: 'object',
      allOf: refs.map(($ref) => ({ $ref })),
      classId: composed.classId,
      fields: composed.fields,
      immutableTags: [],
      version: '1.0',
      createdAt: now,
      updatedAt: now,
      createdClient: caller.token.clientId,
    };
    state.schemas.add(schema);
    state.creates.schemas += 1;
    res.status(201).json(toSchemaView(schema));
  };
}

/** `GET /tenant/schemas` with an `Accept` for listing (else 400, as the OpenAPI says) and `property=` filters. */
export function listSchemasRoute(state: RegistryState, document: OpenApiDocument): RequestHandler {
  const checkQuery = document.queryValidator('listSchemas');
  return (req, res) => {
    const invalid = checkQuery(rawQueryOf(req));
    if (invalid) return sendRegistryError(req, res, 400, `Invalid ${invalid}.`);
    const format = listFormatOf(req.get('accept'));
    if (!format) {
      return sendRegistryError(
        req,
        res,
        400,
        'The Accept header is invalid or missing: a listing takes application/vnd.adobe.xed-id+json or application/vnd.adobe.xed+json.',
      );
    }
    const filter = propertyFilter(rawQueryOf(req).getAll('property'));
    if ('problem' in filter) return sendRegistryError(req, res, 400, filter.problem);
    const matching = state.schemas
      .inScope(callerOf(res))
      .filter((schema) => filter(toSchemaView(schema)))
      .sort((a, b) => a.title.localeCompare(b.title));
    res.json({
      results: matching.map(format === 'id' ? toSchemaSummary : toSchemaView),
      _page: { orderby: 'title', next: null, count: matching.length },
      _links: {},
    });
  };
}

/** Resolves `:id` (URL-encoded `$id`, or `meta:altId`) in the caller's scope, else 404. */
export function withSchema(state: RegistryState, handle: (req: Request, res: Response, schema: StoredSchema) => void): RequestHandler {
  return (req, res) => {
    const id = String(req.params['id']);
    const schema = findSchema(state.schemas.all(), id, callerOf(res));
    if (!schema) return sendRegistryError(req, res, 404, `The schema ${id} was not found.`);
    handle(req, res, schema);
  };
}

/** `GET /tenant/schemas/{id}`: the `Accept` must name an `xed` format and the schema's major version, else 406. */
export const getSchema = (req: Request, res: Response, schema: StoredSchema): void => {
  const version = lookupVersionOf(req.get('accept'));
  if (version === undefined || String(version) !== schema.version.split('.')[0]) {
    return sendRegistryError(
      req,
      res,
      406,
      `The Accept format/version '${req.get('accept') ?? ''}' is not available for this resource; use e.g. application/vnd.adobe.xed+json; version=1.`,
    );
  }
  res.json(toSchemaView(schema));
};

/** `DELETE /tenant/schemas/{id}`: 204, refused while a dataset uses the schema (docs/reference/adobe-dataflow.md §4). */
export function deleteSchema(state: RegistryState) {
  return (req: Request, res: Response, schema: StoredSchema): void => {
    if (state.peers.schemaInUse?.(schema.$id, callerOf(res))) {
      return sendRegistryError(req, res, 400, `The schema ${schema.$id} is used by a dataset and cannot be deleted.`);
    }
    state.schemas.delete(schema.id);
    res.status(204).end();
  };
}
