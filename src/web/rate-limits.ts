import { createHash } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore as RateLimitRedisStore } from 'rate-limit-redis';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import type { RedisClient } from '../store/redis-store.js';
import { loggablePath } from './loggable-path.js';

const WINDOW_MS = 60_000;
/** Wrong API keys one client IP may send per minute: a partner's misconfiguration shows, guessing does not scale. */
export const FAILED_API_AUTH_PER_MINUTE = 20;

export interface RateLimits {
  /** For GET /connect and any other route that starts a flow (the partner session page): per client IP. */
  flowStart: RequestHandler;
  /** For the partner API: per API key (hashed), else per client IP. */
  partnerApi: RequestHandler;
  /** For the partner API, before authentication: only refused keys (401) count, per client IP. */
  partnerApiAuthFailures: RequestHandler;
}

/**
 * Fixed one-minute windows with express-rate-limit. With Redis the counters live there (rate-limit-redis),
 * so N instances enforce one limit, not N. The client IP is `req.ip`, which honours TRUST_PROXY
 * (https://express-rate-limit.mintlify.app/guides/troubleshooting-proxy-issues). A limited request becomes
 * the RATE_LIMITED AppError with Retry-After (RFC 9110 §10.2.3): the error middleware renders a page for
 * a browser and JSON for an API client.
 */
export function buildRateLimits(config: Config, redis?: { client: RedisClient; prefix: string }): RateLimits {
  const storeFor = (name: string): Store | undefined =>
    redis
      ? new RateLimitRedisStore({
          prefix: `${redis.prefix}rate:${name}:`,
          sendCommand: (...args: string[]) => redis.client.sendCommand(args),
        })
      : undefined;
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: limited };
  return {
    flowStart: rateLimit({
      ...common,
      limit: config.rateLimits.flowStartsPerMinute,
      store: storeFor('flow-start'),
      identifier: 'flow-start',
    }),
    partnerApi: rateLimit({
      ...common,
      limit: config.rateLimits.partnerApiPerMinute,
      store: storeFor('partner-api'),
      identifier: 'partner-api',
      // The key is hashed so it never sits in Redis or memory as-is; keyless calls fall back to the IP.
      keyGenerator: (req) => {
        const key = apiKeyOf(req);
        return key ? `key:${createHash('sha256').update(key).digest('base64url')}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
      },
    }),
    partnerApiAuthFailures: rateLimit({
      ...common,
      limit: FAILED_API_AUTH_PER_MINUTE,
      store: storeFor('partner-api-auth'),
      identifier: 'partner-api-auth',
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
      // A request counts when it is made and is given back unless it was refused as unauthenticated.
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    }),
  };
}

/** The partner's API key: `Authorization: Bearer <key>` or `X-Api-Key`. */
function apiKeyOf(req: Request): string | undefined {
  const auth = req.get('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim() || undefined;
  return req.get('x-api-key') || undefined;
}

function limited(req: Request, res: Response, next: NextFunction): void {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : WINDOW_MS / 1000;
  res.setHeader('Retry-After', String(seconds));
  next(new AppError('RATE_LIMITED', `rate limit reached on ${req.method} ${loggablePath(req.originalUrl)}`));
}
