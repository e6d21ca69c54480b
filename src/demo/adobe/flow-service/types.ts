import type { FaultInjector } from '../../kit/faults.js';
import type { RequestLog } from '../../kit/request-log.js';
import type { IssuedImsToken } from '../ims/index.js';

export interface FlowServiceSimOptions {
  port?: number;
  /** Token lookup, normally the IMS simulator's `verify`. */
  ims: { verify(token: string): IssuedImsToken | undefined };
  /** Sandboxes that exist in every org; default `['prod']`, the default production sandbox (docs/reference/adobe-flow-service.md §4.5). */
  sandboxes?: string[];
  /**
   * Whether the source accepts a connection's stored credentials (the connection test and scheduled runs ask it).
   * Demo mode asks the HubSpot simulator about the stored refresh token; absent, credentials always work.
   */
  credentialCheck?: (auth: StoredConnection['auth']) => boolean;
}

/** A base connection as the simulator stores it: unmasked, with the fields of `ConnectionItemDTO` it needs. */
export interface StoredConnection {
  id: string;
  name: string;
  description?: string;
  auth: { specName: string; params: Record<string, unknown> };
  connectionSpec: { id: string; version: string };
  imsOrgId: string;
  sandboxName: string;
  /** Quoted GUID-like string, e.g. `"5f00fba7-0000-0200-0000-5ed560520000"`; also served as `version`. */
  etag: string;
  state: 'enabled' | 'disabled';
  createdAt: number;
  updatedAt: number;
  createdClient: string;
  updatedClient: string;
  /** Set by tests to simulate a dataflow using the connection: DELETE then fails with 1418 (docs/reference/adobe-flow-service.md §2.5). */
  usedByFlows?: boolean;
}

export interface FlowServiceSimulator {
  /** What FLOW_SERVICE_BASE_URL's host part would be, e.g. `http://localhost:4321`. */
  url: string;
  /** `${url}/data/foundation/flowservice`, the API base path (docs/reference/adobe-flow-service.md §2). */
  baseUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  /** Unmasked, for tests. These are the live records: setting `usedByFlows` or `state` takes effect. */
  connections(): StoredConnection[];
  close(): Promise<void>;
}
