import { randomBytes, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rawQueryOf } from '../raw-query.js';
import { callerOf } from '../platform/gateway.js';
import { readJsonBody } from '../platform/json-request.js';
import type { BodyValidator, OpenApiDocument } from '../platform/openapi-document.js';
import type { PlatformPeers } from '../platform/peers.js';
import type { ScopedStore } from '../platform/scoped-store.js';
import { sendDataPrepError } from './dataprep-error.js';
import { mappingSetProblem, validateMappings, type MappingResult, type MappingSetBody } from './mapping-validation.js';
import type { MappingEntry, StoredMappingSet } from './types.js';

export interface DataPrepState {
  mappingSets: ScopedStore<StoredMappingSet>;
  creates: { mappingSets: number };
  peers: PlatformPeers;
  rejectDestinations: Set<string>;
}

/** Reads, schema-checks and rule-checks a mapping set body, then validates each mapping; answers 400 itself. */
function checkedMappingSet(
  req: Request,
  res: Response,
  state: DataPrepState,
  validate: BodyValidator,
): { body: MappingSetBody; results: MappingResult[] } | undefined {
  const parsed = readJsonBody(req, res, () => sendDataPrepError(req, res, 400, 'The request body is missing.'));
  if (!parsed) return undefined;
  const invalid = validate(parsed.value);
  if (invalid !== undefined) return void sendDataPrepError(req, res, 400, `The request payload is invalid: ${invalid}.`);
  const body = parsed.value as MappingSetBody;
  const scope = callerOf(res);
  const problem = mappingSetProblem(body, state.peers, scope);
  if (problem) return void sendDataPrepError(req, res, 400, problem);
  const fields = state.peers.schema?.(body.outputSchema?.schemaRef?.id ?? '', scope)?.fields;
  return { body, results: validateMappings(body, fields, state.rejectDestinations) };
}

/** `POST /mappingSets/validate`: 200 `{validationResponse: [{status, errors}]}`, one entry per mapping. */
export function validateMappingSetRoute(state: DataPrepState, validate: BodyValidator): RequestHandler {
  return (req, res) => {
    const checked = checkedMappingSet(req, res, state, validate);
    if (checked) res.json({ validationResponse: checked.results });
  };
}

export function toMappingSetView(set: StoredMappingSet): Record<string, unknown> {
  return {
    id: set.id,
    version: set.version,
    createdDate: set.createdDate,
    modifiedDate: set.modifiedDate,
    createdBy: set.createdBy,
    modifiedBy: set.createdBy,
    ...(set.name === undefined ? {} : { name: set.name }),
    outputSchema: structuredClone(set.outputSchema),
    mappings: set.mappings.map((m) => ({ ...m })),
  };
}

/**
 * `POST /mappingSets`: **200** `{id, version, …}` (`SimpleRepresentation`; docs/reference/adobe-dataflow.md §1 row 6).
 * [INFERRED] a set with a FAILED mapping is refused with the validation's errors: validate exists to find them first.
 */
export function createMappingSetRoute(state: DataPrepState, validate: BodyValidator): RequestHandler {
  return (req, res) => {
    const checked = checkedMappingSet(req, res, state, validate);
    if (!checked) return;
    const failed = checked.results.flatMap((r) => r.errors);
    if (failed.length > 0) return sendDataPrepError(req, res, 400, `Invalid mappings: ${failed.map((e) => e.exception).join(' ')}`);
    const caller = callerOf(res);
    const { body } = checked;
    const now = Date.now();
    const set: StoredMappingSet = {
      id: randomBytes(16).toString('hex'),
      imsOrgId: caller.orgId,
      sandboxName: caller.sandboxName,
      ...(body.name === undefined ? {} : { name: body.name }),
      outputSchema: {
        schemaRef: { id: body.outputSchema?.schemaRef?.id ?? '', contentType: body.outputSchema?.schemaRef?.contentType ?? '' },
      },
      mappings: (body.mappings ?? []).map((m) => ({ ...m, id: randomUUID().replaceAll('-', '') }) as MappingEntry),
      version: 0,
      createdDate: now,
      modifiedDate: now,
      createdBy: caller.token.clientId,
    };
    state.mappingSets.add(set);
    state.creates.mappingSets += 1;
    const view = toMappingSetView(set);
    res.json({
      id: view['id'],
      version: view['version'],
      createdDate: now,
      modifiedDate: now,
      createdBy: set.createdBy,
      modifiedBy: set.createdBy,
    });
  };
}

/** `GET /mappingSets?limit&start[&name]`: `limit` and `start` are required (the OpenAPI and the guide). */
export function listMappingSetsRoute(state: DataPrepState, document: OpenApiDocument): RequestHandler {
  const checkQuery = document.queryValidator('listMappingSets');
  return (req, res) => {
    const query = rawQueryOf(req);
    const invalid = checkQuery(query);
    if (invalid) return sendDataPrepError(req, res, 400, `Invalid ${invalid}.`);
    const [limit, start, name] = [Number(query.get('limit')), Number(query.get('start')), query.get('name')];
    const matching = state.mappingSets.inScope(callerOf(res)).filter((set) => name === null || set.name === name);
    const page = matching.slice(start, start + limit);
    res.json({ data: page.map(toMappingSetView), _page: { count: page.length, limit }, _links: {} });
  };
}

/** `GET /mappingSets/{id}`; there is no DELETE: Data Prep's API has none (docs/reference/adobe-dataflow.md §2). */
export function getMappingSetRoute(state: DataPrepState, document: OpenApiDocument): RequestHandler {
  const checkQuery = document.queryValidator('retrieveMappingSet');
  return (req, res) => {
    const invalid = checkQuery(rawQueryOf(req));
    if (invalid) return sendDataPrepError(req, res, 400, `Invalid ${invalid}.`);
    const set = state.mappingSets.get(String(req.params['id']), callerOf(res));
    if (!set) return sendDataPrepError(req, res, 404, `The mapping set ${String(req.params['id'])} was not found.`);
    res.json(toMappingSetView(set));
  };
}
