import { createHash } from 'node:crypto';
import type { Scope } from '../platform/scoped-store.js';
import type { StoredSchema } from './types.js';

/** The tenant id of an org, as in `https://ns.adobe.com/{TENANT_ID}/schemas/…`: stable per org [INFERRED form]. */
export function tenantOf(orgId: string): string {
  return `sim${createHash('sha256').update(orgId).digest('hex').slice(0, 8)}`;
}

/** A schema as a lookup or an `xed+json` list shows it (`lookupSchemaResponse`). */
export function toSchemaView(schema: StoredSchema): Record<string, unknown> {
  return {
    $id: schema.$id,
    'meta:altId': schema.id,
    'meta:resourceType': 'schemas',
    version: schema.version,
    title: schema.title,
    type: schema.type,
    description: schema.description,
    allOf: schema.allOf.map((ref) => ({ ...ref })),
    'meta:class': schema.classId,
    'meta:abstract': false,
    'meta:extensible': false,
    'meta:extends': schema.allOf.map((ref) => ref.$ref),
    'meta:containerId': 'tenant',
    'meta:tenantNamespace': `_${tenantOf(schema.imsOrgId)}`,
    imsOrg: schema.imsOrgId,
    ...(schema.immutableTags.length > 0 ? { 'meta:immutableTags': [...schema.immutableTags] } : {}),
    'meta:registryMetadata': {
      'repo:createdDate': schema.createdAt,
      'repo:lastModifiedDate': schema.updatedAt,
      'xdm:createdClientId': schema.createdClient,
    },
  };
}

/** An `xed-id+json` list entry (`listResponseItemWithVersion`). */
export function toSchemaSummary(schema: StoredSchema): Record<string, unknown> {
  return { $id: schema.$id, 'meta:altId': schema.id, version: schema.version, title: schema.title };
}

/** The schema whose `$id` or `meta:altId` is `id`, in the scope. */
export function findSchema(schemas: readonly StoredSchema[], id: string, scope: Scope): StoredSchema | undefined {
  return schemas.find((s) => (s.$id === id || s.id === id) && s.imsOrgId === scope.orgId && s.sandboxName === scope.sandboxName);
}
