import type { FaultInjector } from '../../kit/faults.js';
import type { RequestLog } from '../../kit/request-log.js';
import type { IssuedImsToken } from '../ims/index.js';
import type { PlatformPeers } from '../platform/peers.js';

export interface SchemaRegistrySimOptions {
  port?: number;
  ims: { verify(token: string): IssuedImsToken | undefined };
  sandboxes?: string[];
  /** Lets the registry refuse to delete a schema a dataset uses (Catalog); unchecked when absent. */
  peers?: PlatformPeers;
}

export interface StoredSchema {
  /** The `meta:altId`, which is also the store key. */
  id: string;
  $id: string;
  imsOrgId: string;
  sandboxName: string;
  title: string;
  description: string;
  type: 'object';
  allOf: { $ref: string }[];
  classId: string;
  /** Dotted paths of the leaf fields its class and field groups bring. */
  fields: string[];
  immutableTags: string[];
  /** `major.minor`; each change bumps the minor. */
  version: string;
  createdAt: number;
  updatedAt: number;
  createdClient: string;
}

export interface StoredDescriptor {
  /** The descriptor's `@id`. */
  id: string;
  imsOrgId: string;
  sandboxName: string;
  body: Record<string, unknown>;
  type: string;
  sourceSchema: string;
}

export interface SchemaRegistrySimulator {
  url: string;
  /** `${url}/data/foundation/schemaregistry`: what SCHEMA_REGISTRY_BASE_URL would be. */
  baseUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  schemas(): StoredSchema[];
  descriptors(): StoredDescriptor[];
  createCounts(): Record<'schemas' | 'descriptors', number>;
  /** The schema by `$id` or `meta:altId` in the scope, for the other simulators' checks. */
  findSchema(id: string, scope: { orgId: string; sandboxName: string }): StoredSchema | undefined;
  close(): Promise<void>;
}
