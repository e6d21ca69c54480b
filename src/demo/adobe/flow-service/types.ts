import type { FaultInjector } from '../../kit/faults.js';
import type { RequestLog } from '../../kit/request-log.js';
import type { IssuedImsToken } from '../ims/index.js';
import type { PlatformPeers } from '../platform/peers.js';
import type { ResourceMeta } from './resource-meta.js';

/** What a run ends with: success, or failure with the errors its `statusSummary` shows. */
export type RunOutcome = 'success' | { failed: true; errors: { code: string; message: string }[] };

export interface FlowServiceSimOptions {
  port?: number;
  /** Token lookup, normally the IMS simulator's `verify`. */
  ims: { verify(token: string): IssuedImsToken | undefined };
  /** Sandboxes that exist in every org; default `['prod']`, the default production sandbox (docs/reference/adobe-flow-service.md §4.5). */
  sandboxes?: string[];
  /** The other Platform simulators, to check the ids a target connection or flow names; unchecked when absent. */
  peers?: PlatformPeers;
  /** How long after publishing a flow's first run ends; default 3000 ms (tests set it short). */
  firstRunDelayMs?: number;
  /** Decides how each run ends; default success. Receives the flow and its base connection (undefined if deleted). */
  runOutcome?: (flow: StoredFlow, baseConnection: StoredConnection | undefined) => Promise<RunOutcome>;
  /** Answers `GET /connections/{id}/test`; default true. Lets a test revoke the HubSpot grant behind a connection. */
  connectionTest?: (connection: StoredConnection) => Promise<boolean>;
  /**
   * False makes `POST /flows?mode=draft` answer 1368 "Mode is not allowed in flow request", which Adobe documents
   * (docs/reference/adobe-dataflow.md, conflicts table) although its own tutorial sends the mode; default true.
   */
  draftModeAllowed?: boolean;
  /** Tests only: explore's Contacts gains an email column, which Adobe's page does not show (hubspot-tables.ts). */
  contactsEmailColumn?: boolean;
}

/** A base connection as the simulator stores it: unmasked, with the fields of `ConnectionItemDTO` it needs. */
export interface StoredConnection extends ResourceMeta {
  name: string;
  description?: string;
  auth: { specName: string; params: Record<string, unknown> };
  connectionSpec: { id: string; version: string };
  state: 'enabled' | 'disabled';
  /** Set by tests to simulate a dataflow using the connection: DELETE then fails with 1418 (docs/reference/adobe-flow-service.md §2.5). */
  usedByFlows?: boolean;
}

/** `POST /sourceConnections`: a table read through a base connection. */
export interface StoredSourceConnection extends ResourceMeta {
  name: string;
  description?: string;
  baseConnectionId: string;
  data: { format: string };
  params: { path: string };
  connectionSpec: { id: string; version: string };
  state: 'enabled';
}

/** `POST /targetConnections`: a dataset of the Data Lake with its schema. */
export interface StoredTargetConnection extends ResourceMeta {
  name?: string;
  description?: string;
  data: { format?: string; schema: { id: string; version: string } };
  params: { dataSetId: string };
  connectionSpec: { id: string; version: string };
  state: 'enabled';
}

export interface FlowTransformation {
  name: string;
  params: Record<string, unknown>;
}

export interface StoredFlow extends ResourceMeta {
  name: string;
  description?: string;
  flowSpec: { id: string; version: string };
  sourceConnectionIds: string[];
  targetConnectionIds: string[];
  transformations: FlowTransformation[];
  scheduleParams: { startTime: number; frequency: string; interval?: string; backfill?: boolean };
  /** `draft` until published (EN `tutorials/api/draft.md`). */
  state: 'draft' | 'enabled' | 'disabled';
}

export interface StoredRun extends ResourceMeta {
  flowId: string;
  flowSpec: { id: string; version: string };
  startedAt: number;
  completedAt: number;
  status: 'success' | 'failed';
  errors: { code: string; message: string }[];
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
  sourceConnections(): StoredSourceConnection[];
  targetConnections(): StoredTargetConnection[];
  flows(): StoredFlow[];
  runs(): StoredRun[];
  /** How many creates succeeded per kind (a create a fault answered instead is not counted). */
  createCounts(): Record<'connections' | 'sourceConnections' | 'targetConnections' | 'flows', number>;
  /** Runs an enabled flow now (a scheduled run), with the `runOutcome` hook; resolves with the finished run. */
  runFlow(flowId: string): Promise<StoredRun>;
  close(): Promise<void>;
}
