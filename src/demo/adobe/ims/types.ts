import type { FaultInjector } from '../../kit/faults.js';
import type { RequestLog } from '../../kit/request-log.js';

/** An OAuth Server-to-Server credential as created in the Adobe Developer Console (docs/reference/adobe-flow-service.md §4). */
export interface ImsSimCredential {
  clientId: string;
  clientSecret: string;
  /** The technical account's org, `…@AdobeOrg`; Flow Service compares it with `x-gw-ims-org-id`. */
  orgId: string;
  /** Scopes this credential may request. */
  scopes: string[];
}

export interface ImsSimOptions {
  port?: number;
  credentials: ImsSimCredential[];
  /** Default 86399, the documented `expires_in` in seconds (docs/reference/adobe-flow-service.md §4.2). */
  expiresInSec?: number;
}

export interface IssuedImsToken {
  token: string;
  clientId: string;
  orgId: string;
  scopes: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface ImsSimulator {
  url: string;
  /** `${url}/ims/token/v3` */
  tokenUrl: string;
  faults: FaultInjector;
  requests: RequestLog;
  /** lookup used by the Flow Service simulator to authenticate Bearer tokens */
  verify(token: string): IssuedImsToken | undefined;
  revokeAll(): void;
  tokensIssued(): number;
  close(): Promise<void>;
}
