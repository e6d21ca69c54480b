import { Router, type RequestHandler, type Response } from 'express';
import type { Config } from '../../../config/config.js';
import { AppError, isAppError } from '../../../errors/app-error.js';
import type { Logger } from '../../../logging/logger.js';
import type { ConnectSession, ConnectSessions } from '../../../partners/connect-session.js';
import type { Partner } from '../../../config/partner.js';
import { IN_USE_RETRY_AFTER_S, type IdempotencyKeys, type KeptAnswer } from '../../../partners/idempotency-keys.js';
import { apiPolicy } from '../../security/policies.js';
import { apiErrorHandler, jsonBody } from './api-body.js';
import { partnerApiGuards } from './authenticate.js';
import { partnerOpenApi } from './openapi-document.js';
import { parseSessionRequest } from './session-request.js';
import type { ConnectionRegistry, ConnectionRow } from '../../../registry/connection-registry.js';

export interface ConnectSessionsRouteDeps {
  config: Config;
  logger: Logger;
  sessions: ConnectSessions;
  /** Replays the first answer of a repeated `Idempotency-Key`. */
  idempotency: IdempotencyKeys;
  /** Called once per new session (schedules its `session.expired` check). */
  onCreated(session: ConnectSession): Promise<void>;
  /** Reconnect sessions name a connection of the registry. */
  connections: ConnectionRegistry;
  /** Mount point for a rate limiter; runs after authentication, so limits can be per partner. */
  rateLimit?: RequestHandler;
  /** Runs before authentication: a budget of refused API keys per client IP, so keys cannot be guessed at speed. */
  authFailureLimit?: RequestHandler;
}

export const sessionPagePath = (token: string) => `/connect-sessions/${token}`;

/** The partner API: create a connect session, read one of your own. */
export function connectSessionsRoute(deps: ConnectSessionsRouteDeps): Router {
  const router = Router();
  // Public: the API's description is no secret, and partners' tooling fetches it without a key.
  router.get('/api/v1/openapi.json', apiPolicy, (_req, res) => {
    res.json(partnerOpenApi(deps.config.publicBaseUrl));
  });
  router.use('/api/v1/connect-sessions', ...partnerApiGuards(deps));

  router.post('/api/v1/connect-sessions', jsonBody(), async (req, res) => {
    const partner = res.locals.partner as Partner;
    const create = async (): Promise<KeptAnswer> => {
      const fields = parseSessionRequest(req.body, partner, deps.config, await reconnectTarget(deps.connections, req.body, partner));
      const { session, token } = await deps.sessions.create(fields);
      await deps.onCreated(session);
      const body = {
        id: session.id,
        token,
        url: `${deps.config.publicBaseUrl}${sessionPagePath(token)}`,
        expires_at: new Date(session.expiresAt).toISOString(),
      };
      return { status: 201, body };
    };
    const key = idempotencyKeyOf(req.get('idempotency-key'));
    const answer = key === undefined ? await create() : await deps.idempotency.run(partner.id, key, req.body, create).catch(inUse(res));
    if ('replayed' in answer && answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(answer.status).json(answer.body);
  });

  router.get('/api/v1/connect-sessions/:id', async (req, res) => {
    const session = await deps.sessions.get(String(req.params.id));
    // Another partner's session answers exactly like a missing one: ids reveal nothing across partners.
    if (!session || session.partnerId !== (res.locals.partner as Partner).id) throw new AppError('NOT_FOUND', 'no such session');
    res.json(sessionView(session));
  });

  router.use('/api/v1/connect-sessions', (_req, _res, next) => next(new AppError('NOT_FOUND', 'no such partner API route')));
  router.use('/api/v1', apiErrorHandler(deps.logger));
  return router;
}

/** The `Idempotency-Key` header: absent, or 1–255 printable ASCII characters (Stripe's limit). */
function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(header)) {
    throw new AppError('REQUEST_INVALID', 'bad Idempotency-Key', { details: { fields: ['Idempotency-Key'] } });
  }
  return header;
}

/** A key still in flight elsewhere answers 409 with Retry-After (RFC 9110 §10.2.3). */
function inUse(res: Response) {
  return (err: unknown): never => {
    if (isAppError(err) && err.code === 'IDEMPOTENCY_KEY_IN_USE') res.setHeader('Retry-After', String(IN_USE_RETRY_AFTER_S));
    throw err;
  };
}

/**
 * The connection a reconnect session names (`connection_id`): only the partner's own, and not deleted. Anything else
 * is a 404, as for a missing one, so ids reveal nothing across partners. Undefined for a new connection.
 */
async function reconnectTarget(connections: ConnectionRegistry, body: unknown, partner: Partner): Promise<ConnectionRow | undefined> {
  const id = (body as { connection_id?: unknown } | null)?.connection_id;
  // Not a usable string: the body's validation names the field.
  if (typeof id !== 'string' || id === '') return undefined;
  const row = await connections.get(id);
  if (!row || row.partnerId !== partner.id || row.status === 'deleted') throw new AppError('NOT_FOUND', 'no such connection to reconnect');
  return row;
}

/** What a partner may read about its session. No token, hash or credential. */
export function sessionView(s: ConnectSession) {
  return {
    id: s.id,
    status: s.status === 'started' ? 'pending' : s.status,
    sandbox: s.sandbox,
    ...(s.partnerUserId !== undefined ? { partner_user_id: s.partnerUserId } : {}),
    ...(s.metadata !== undefined ? { metadata: s.metadata } : {}),
    ...(s.connectionId !== undefined ? { connection_id: s.connectionId } : {}),
    ...(s.reconnected !== undefined && s.status === 'completed' ? { reconnected: s.reconnected } : {}),
    ...(s.hubId !== undefined ? { hub_id: s.hubId } : {}),
    ...(s.hubDomain !== undefined ? { hub_domain: s.hubDomain } : {}),
    ...(s.errorCode !== undefined ? { error_code: s.errorCode } : {}),
    ...(s.dataflow ? { dataflow: s.dataflow } : s.status === 'completed' ? { dataflow: { status: 'off' } } : {}),
  };
}
