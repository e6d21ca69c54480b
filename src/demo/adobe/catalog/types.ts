import type { FaultInjector } from '../../kit/faults.js';
import type { RequestLog } from '../../kit/request-log.js';
import type { IssuedImsToken } from '../ims/index.js';
import type { PlatformPeers } from '../platform/peers.js';

export interface CatalogSimOptions {
  port?: number;
  ims: { verify(token: string): IssuedImsToken | undefined };
  sandboxes?: string[];
  /** Lets Catalog check the schema a dataset names (Schema Registry); unchecked when absent. */
  peers?: PlatformPeers;
}

export interface StoredDataset {
  /** 24 hex digits, like Catalog's ids. */
  id: string;
  imsOrgId: string;
  sandboxName: string;
  name: string;
  description?: string;
  schemaRef: { id: string; contentType: string };
  tags: Record<string, string[]>;
  created: number;
  updated: number;
  createdClient: string;
}

export interface CatalogSimulator {
  url: string;
  /** `${url}/data/foundation/catalog`: what CATALOG_BASE_URL would be. */
  baseUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  datasets(): StoredDataset[];
  createCounts(): { dataSets: number };
  findDataset(id: string, scope: { orgId: string; sandboxName: string }): StoredDataset | undefined;
  close(): Promise<void>;
}
