import { loadOpenApiDocument, type Schemas } from '../platform/openapi-document.js';
import { rejectSandboxAs } from '../platform/platform-error.js';
import { platformRouter, startApiServer } from '../platform/platform-server.js';
import { createDescriptorRoute, deleteDescriptor, getDescriptor, listDescriptorsRoute, withDescriptor } from './descriptor-routes.js';
import { patchSchema } from './patch-schema.js';
import { sendRegistryError } from './registry-error.js';
import { RegistryState } from './registry-state.js';
import { createSchemaRoute, deleteSchema, getSchema, listSchemasRoute, withSchema } from './schema-routes.js';
import { findSchema } from './schema-view.js';
import type { SchemaRegistrySimOptions, SchemaRegistrySimulator } from './types.js';

export type { SchemaRegistrySimOptions, SchemaRegistrySimulator, StoredDescriptor, StoredSchema } from './types.js';

export const SCHEMA_REGISTRY_BASE_PATH = '/data/foundation/schemaregistry';

/**
 * Where Adobe's docs and this Swagger 2.0 document disagree, the docs win (docs/reference/adobe-dataflow.md, conflicts
 * table): a schema PATCH's `value` is any JSON (RFC 6902; the docs send an array, the document says string), and a
 * descriptor's `xdm:sourceVersion` may be the docs' number `1` as well as the document's string.
 */
function alignWithDocs(schemas: Schemas): void {
  const patch = schemas['patchSchema'];
  const descriptor = schemas['createDescriptor'];
  if (!patch || !descriptor) throw new Error('schema-registry.openapi.yaml lacks patchSchema or createDescriptor');
  patch['items'].properties.value = {};
  descriptor['properties']['xdm:sourceVersion'] = { type: ['string', 'integer'] };
}

/**
 * Starts a local Schema Registry: tenant schemas (create, list with `property=` filters, look up by `$id` or
 * `meta:altId`, PATCH, delete) and identity descriptors (create, list, look up, delete), behind the platform gateway,
 * with the `Accept` rules of Adobe's document. Bodies are validated against Adobe's vendored OpenAPI document.
 */
export async function startSchemaRegistrySimulator(options: SchemaRegistrySimOptions): Promise<SchemaRegistrySimulator> {
  const state = new RegistryState(options.peers ?? {});
  const document = await loadOpenApiDocument('schema-registry', alignWithDocs);
  const router = platformRouter(options, rejectSandboxAs('XDM'));
  router.post('/tenant/schemas', createSchemaRoute(state, document.validator('createSchema')));
  router.get('/tenant/schemas', listSchemasRoute(state, document));
  router.get('/tenant/schemas/:id', withSchema(state, getSchema));
  router.patch('/tenant/schemas/:id', withSchema(state, patchSchema(state, document.validator('patchSchema'))));
  router.delete('/tenant/schemas/:id', withSchema(state, deleteSchema(state)));
  router.post('/tenant/descriptors', createDescriptorRoute(state, document.validator('createDescriptor')));
  router.get('/tenant/descriptors', listDescriptorsRoute(state, document));
  router.get('/tenant/descriptors/:id', withDescriptor(state, getDescriptor));
  router.delete('/tenant/descriptors/:id', withDescriptor(state, deleteDescriptor(state)));

  const server = await startApiServer(options, SCHEMA_REGISTRY_BASE_PATH, router, sendRegistryError);
  return {
    ...server,
    schemas: () => state.schemas.all(),
    descriptors: () => state.descriptors.all(),
    createCounts: () => ({ ...state.creates }),
    findSchema: (id, scope) => findSchema(state.schemas.all(), id, scope),
  };
}
