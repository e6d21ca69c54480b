import { createRequire } from 'node:module';
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** Field names whose values are secrets wherever they appear (tokens, codes, cookies, client secrets). */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'access_token',
  'refresh_token',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'client_secret',
  'code',
  'code_verifier',
  'state',
  'token',
  'password',
  'sessionSecret',
];

/** pino's redact takes explicit paths; cover the top level and three levels of nesting. */
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_]+$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : `${prefix}.${k}`);
  return [k.startsWith('[') ? k.slice(2, -2) : k, join('*'), join('*.*'), join('*.*.*')];
});

/**
 * Structured JSON logger; secrets are replaced by "[redacted]" before a line is written. `pretty`
 * (development on a terminal) formats lines with pino-pretty, a dev dependency absent in production.
 */
export function createLogger(level: string, destination?: DestinationStream, options: { pretty?: boolean } = {}): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { service: 'hubspot-aep-connect' },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(options.pretty && !destination && prettyAvailable()
        ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } }
        : {}),
    },
    destination,
  );
}

/**
 * A log-safe summary of an error chain: names, codes, statuses and messages only. Library errors carry
 * request options and response objects (Boom's `data`), which may hold secrets, so they are never logged whole.
 */
export function summarizeError(err: unknown, depth = 0): Record<string, unknown> | undefined {
  if (!(err instanceof Error) || depth > 3) return undefined;
  const e = err as Error & { code?: unknown; output?: { statusCode?: unknown } };
  return {
    name: e.name,
    message: e.message,
    // `errorCode`, not `code`: `code` is redacted everywhere because OAuth authorization codes travel under that name.
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { errorCode: e.code } : {}),
    ...(typeof e.output?.statusCode === 'number' ? { statusCode: e.output.statusCode } : {}),
    ...(e.cause ? { cause: summarizeError(e.cause, depth + 1) } : {}),
  };
}

/** pino-pretty is a dev dependency: after `npm prune --omit=dev` logs stay JSON rather than failing. */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}
