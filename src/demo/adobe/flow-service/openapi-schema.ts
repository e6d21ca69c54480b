import { loadOpenApiDocument, type OpenApiDocument, type Schemas } from '../platform/openapi-document.js';

export type { BodyValidator } from '../platform/openapi-document.js';

/**
 * The spec's schemas are looser than its own prose for the create request, so the simulator tightens
 * them where the requestBody description says "(Required)" (name, auth, auth.specName, auth.params),
 * and loosens `connectionSpec.version`, which the same description says may be omitted to get the most
 * recent version (docs/reference/adobe-flow-service.md §2.1) although `SpecInfoDTO` lists it as required. Flows get the
 * members the tutorials require.
 */
function alignWithRequestDescription(schemas: Schemas): void {
  const { CreateConnectionRequest: request, AuthInfoDTO: auth, SpecInfoDTO: spec } = schemas;
  if (!request || !auth || !spec) throw new Error('flow-service.openapi.yaml lacks the connection schemas');
  request['required'] = ['name', 'auth', 'connectionSpec'];
  // [INFERRED] an empty name is as unusable for look-ups as a missing one.
  request['properties'] = { ...request['properties'], name: { ...request['properties']?.name, minLength: 1 } };
  auth['required'] = ['specName', 'params'];
  spec['required'] = ['id'];
  // The dataflow tutorials call these required (EN `collect/crm.md`, "Create a dataflow"); the OpenAPI only `flowSpec`.
  const flow = schemas['CreateFlowRequest'];
  if (!flow) throw new Error('flow-service.openapi.yaml lacks CreateFlowRequest');
  flow['required'] = ['name', 'flowSpec', 'sourceConnectionIds', 'targetConnectionIds'];
}

/** Adobe's Flow Service OpenAPI document (APIS `static/swagger-specs/flow-service.yaml`, docs/reference/adobe-flow-service.md §2). */
export function loadFlowServiceDocument(): Promise<OpenApiDocument> {
  return loadOpenApiDocument('flow-service', alignWithRequestDescription);
}
