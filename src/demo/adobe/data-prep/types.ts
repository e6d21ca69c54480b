import type { FaultInjector } from '../../kit/faults.js';
import type { RequestLog } from '../../kit/request-log.js';
import type { IssuedImsToken } from '../ims/index.js';
import type { PlatformPeers } from '../platform/peers.js';

export interface DataPrepSimOptions {
  port?: number;
  ims: { verify(token: string): IssuedImsToken | undefined };
  sandboxes?: string[];
  /** Lets Data Prep check the output schema and its fields (Schema Registry); unchecked when absent. */
  peers?: PlatformPeers;
}

export interface MappingEntry {
  id: string;
  sourceType: 'ATTRIBUTE' | 'EXPRESSION' | 'STATIC';
  source: string;
  destination: string;
  name?: string;
}

export interface StoredMappingSet {
  /** 32 hex digits, like Data Prep's ids. */
  id: string;
  imsOrgId: string;
  sandboxName: string;
  name?: string;
  outputSchema: { schemaRef: { id: string; contentType: string } };
  mappings: MappingEntry[];
  version: number;
  createdDate: number;
  modifiedDate: number;
  createdBy: string;
}

export interface DataPrepSimulator {
  url: string;
  /** `${url}/data/foundation/conversion`: what DATA_PREP_BASE_URL would be. */
  baseUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  mappingSets(): StoredMappingSet[];
  createCounts(): { mappingSets: number };
  /** Destinations that validation marks FAILED whatever the schema says: lets a test make a mapping fail. */
  rejectDestinations: Set<string>;
  findMappingSet(id: string, scope: { orgId: string; sandboxName: string }): StoredMappingSet | undefined;
  close(): Promise<void>;
}
