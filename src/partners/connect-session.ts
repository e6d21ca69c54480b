import { randomUUID } from 'node:crypto';
import { randomToken, sha256Hex } from '../flows/pkce.js';
import type { DataflowMode } from '../config/dataflow-settings.js';
import type { DataflowView } from '../flows/dataflow/dataflow-state.js';
import type { KeyValueStore } from '../store/key-value-store.js';
import { stripUndefined } from '../config/strip-undefined.js';
import type { Appearance } from './embed-options.js';

/** A connect session lasts 30 minutes unless used (the peers use 30 min too: docs/reference/peers-and-security.md). */
export const CONNECT_SESSION_TTL_MS = 30 * 60 * 1000;
/** Finished sessions stay readable by the partner's backend for a day. */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export type SessionStatus = 'pending' | 'started' | 'completed' | 'failed' | 'expired';

export interface ConnectSession {
  id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: string;
  partnerId: string;
  sandbox: string;
  returnUrl?: string;
  partnerUserId?: string;
  /** The partner's own key/value pairs about its end user, echoed in the status, webhooks and connections. */
  metadata?: Record<string, string>;
  partnerState?: string;
  /** A reconnect session: the connection it re-authorizes and that connection's HubSpot portal. */
  reconnect?: { connectionId: string; hubId: number };
  locale?: string;
  status: SessionStatus;
  /**
   * The partner page that embed.js runs in, as its browser sent it (`Origin`) and checked against the
   * partner's embedOrigins. A popup or widget flow starts only once this is set.
   */
  embedOrigin?: string;
  appearance?: Appearance;
  /** How the browser runs the flow: a full-page redirect, or a popup opened by embed.js. */
  mode?: 'redirect' | 'popup';
  flowId?: string;
  connectionId?: string;
  reconnected?: boolean;
  hubId?: number;
  hubDomain?: string;
  errorCode?: string;
  /** The partner's choice for this session, over its entry's and the deployment's. */
  dataflowMode?: DataflowMode;
  /** The dataflow as last reported by the flow (what GET …/connect-sessions/{id} shows). */
  dataflow?: DataflowView;
  createdAt: number;
  expiresAt: number;
}

export type NewSession = Pick<
  ConnectSession,
  | 'partnerId'
  | 'sandbox'
  | 'returnUrl'
  | 'partnerUserId'
  | 'metadata'
  | 'partnerState'
  | 'locale'
  | 'reconnect'
  | 'connectionId'
  | 'dataflowMode'
>;

const sessionKey = (id: string) => `connect-session:${id}`;
const tokenKey = (tokenHash: string) => `connect-session-token:${tokenHash}`;
const claimKey = (id: string) => `connect-session-claim:${id}`;

/** Connect sessions in the KeyValueStore: created by the partner API, used once by a browser. */
export class ConnectSessions {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number,
    private readonly ttlMs = CONNECT_SESSION_TTL_MS,
  ) {}

  async create(fields: NewSession): Promise<{ session: ConnectSession; token: string }> {
    const token = randomToken();
    const now = this.now();
    const session: ConnectSession = {
      ...stripUndefined(fields),
      id: randomUUID(),
      tokenHash: sha256Hex(token),
      status: 'pending',
      createdAt: now,
      expiresAt: now + this.ttlMs,
    };
    await this.save(session);
    await this.store.set(tokenKey(session.tokenHash), session.id, this.ttlMs + KEEP_AFTER_EXPIRY_MS);
    return { session, token };
  }

  /** The session with its status as of now: a pending session past its expiry reads as expired. */
  async get(id: string): Promise<ConnectSession | undefined> {
    const session = await this.store.get<ConnectSession>(sessionKey(id));
    if (session && session.status === 'pending' && this.now() >= session.expiresAt) return { ...session, status: 'expired' };
    return session;
  }

  async byToken(token: string): Promise<ConnectSession | undefined> {
    const id = await this.store.get<string>(tokenKey(sha256Hex(token)));
    return id ? this.get(id) : undefined;
  }

  /** Single use: only the first caller for a pending, unexpired session wins. */
  async claim(session: ConnectSession): Promise<boolean> {
    if (session.status !== 'pending') return false;
    return this.store.setIfAbsent(claimKey(session.id), true, this.ttlMs + KEEP_AFTER_EXPIRY_MS);
  }

  async update(id: string, patch: Partial<Omit<ConnectSession, 'id' | 'tokenHash' | 'partnerId'>>): Promise<ConnectSession | undefined> {
    const current = await this.store.get<ConnectSession>(sessionKey(id));
    if (!current) return undefined;
    const next = { ...current, ...patch };
    await this.save(next);
    return next;
  }

  private save(session: ConnectSession): Promise<void> {
    return this.store.set(sessionKey(session.id), session, Math.max(1, session.expiresAt - this.now()) + KEEP_AFTER_EXPIRY_MS);
  }
}
