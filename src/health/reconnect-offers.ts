import type { Partner } from '../config/partner.js';
import type { ReconnectLink } from './health-state.js';
import type { WatchedConnection } from './watched-connection.js';

/** Creates the connect session a partner's user follows to repair one connection. */
export type CreateReconnectSession = (input: {
  partner: Partner;
  connection: WatchedConnection;
  ttlMs: number;
}) => Promise<{ sessionId: string; url: string; expiresAt: number }>;

export interface ReconnectOffersDeps {
  partners: readonly Partner[];
  publicBaseUrl: string;
  ttlMs: number;
  now: () => number;
  createSession: CreateReconnectSession;
}

/**
 * The way back offered with an incident. A partner's connection gets a reconnect session bound to it, returning to
 * the partner's first registered return URL; a connection made on our home page is repaired there, by connecting the
 * same portal again (the service finds its connection and replaces the credentials).
 */
export class ReconnectOffers {
  constructor(private readonly deps: ReconnectOffersDeps) {}

  async offer(connection: WatchedConnection, incidentId: string): Promise<ReconnectLink> {
    const partner = this.deps.partners.find((p) => p.id === connection.partnerId);
    if (!partner) {
      return {
        session_id: incidentId,
        url: `${this.deps.publicBaseUrl}/`,
        expires_at: new Date(this.deps.now() + this.deps.ttlMs).toISOString(),
      };
    }
    const session = await this.deps.createSession({ partner, connection, ttlMs: this.deps.ttlMs });
    return { session_id: session.sessionId, url: session.url, expires_at: new Date(session.expiresAt).toISOString() };
  }
}
