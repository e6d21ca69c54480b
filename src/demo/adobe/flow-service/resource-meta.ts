import { createHash, randomUUID } from 'node:crypto';
import type { Caller } from '../platform/gateway.js';
import { newEtag } from './etag.js';

/** What every Flow Service resource (connection, source and target connection, flow, run) carries. */
export interface ResourceMeta {
  id: string;
  imsOrgId: string;
  sandboxName: string;
  /** Quoted GUID-like string, e.g. `"5f00fba7-0000-0200-0000-5ed560520000"`; also served as `version`. */
  etag: string;
  createdAt: number;
  updatedAt: number;
  createdClient: string;
  updatedClient: string;
}

/** A new resource's id, scope, etag and audit fields, created now by `caller`. */
export function newResourceMeta(caller: Caller, now = Date.now()): ResourceMeta {
  return {
    id: randomUUID(),
    imsOrgId: caller.orgId,
    sandboxName: caller.sandboxName,
    etag: newEtag(now),
    createdAt: now,
    updatedAt: now,
    createdClient: caller.token.clientId,
    updatedClient: caller.token.clientId,
  };
}

/** Records an update by `caller`: new etag and audit fields. */
export function touch(resource: ResourceMeta, caller: Caller, now = Date.now()): void {
  resource.updatedAt = now;
  resource.updatedClient = caller.token.clientId;
  resource.etag = newEtag(now);
}

/** A stable UUID-shaped sandbox id per org and sandbox name; items carry one (docs/reference/adobe-flow-service.md §2.2). */
function sandboxIdOf(orgId: string, sandboxName: string): string {
  const hex = createHash('sha256').update(`${orgId}/${sandboxName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The members every item DTO starts with (`ConnectionItemDTO`, `FlowItemDTO`, …): `version` equal to `etag`, and
 * `createdBy`/`updatedBy` equal to the clients, as the spec says for service tokens.
 */
export function metaView(resource: ResourceMeta): Record<string, unknown> {
  return {
    id: resource.id,
    createdAt: resource.createdAt,
    updatedAt: resource.updatedAt,
    createdBy: resource.createdClient,
    updatedBy: resource.updatedClient,
    createdClient: resource.createdClient,
    updatedClient: resource.updatedClient,
    sandboxId: sandboxIdOf(resource.imsOrgId, resource.sandboxName),
    sandboxName: resource.sandboxName,
    imsOrgId: resource.imsOrgId,
  };
}

/** The `version`/`etag` pair items end with. */
export function versionView(resource: ResourceMeta): Record<string, unknown> {
  return { version: resource.etag, etag: resource.etag };
}
