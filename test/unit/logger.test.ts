import { Writable } from 'node:stream';
import * as Boom from '@hapi/boom';
import { describe, expect, it } from 'vitest';
import { createLogger, summarizeError } from '../../src/logging/logger.js';
import { AppError } from '../../src/errors/app-error.js';

/** A logger writing into an array of raw JSON lines. */
function collectingLogger(level = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

function lastLine(lines: string[]): { raw: string; parsed: Record<string, unknown> } {
  const raw = lines.at(-1);
  if (raw === undefined) throw new Error('nothing was logged');
  return { raw, parsed: JSON.parse(raw) as Record<string, unknown> };
}

describe('createLogger redaction', () => {
  it('redacts authorization and cookie headers but keeps the rest of the request', () => {
    const { logger, lines } = collectingLogger();
    logger.info(
      {
        req: {
          method: 'GET',
          headers: { authorization: 'Bearer tok-AUTH', cookie: 'sid=COOKIE-1', 'set-cookie': 'sid=COOKIE-2', accept: 'text/html' },
        },
      },
      'request',
    );
    const { raw, parsed } = lastLine(lines);
    expect(parsed.req).toEqual({
      method: 'GET',
      headers: { authorization: '[redacted]', cookie: '[redacted]', 'set-cookie': '[redacted]', accept: 'text/html' },
    });
    expect(raw).not.toMatch(/tok-AUTH|COOKIE-1|COOKIE-2/);
  });

  it('redacts access_token at the top level', () => {
    const { logger, lines } = collectingLogger();
    logger.info({ access_token: 'tok-ACCESS', expires_in: 1800 }, 'token');
    const { raw, parsed } = lastLine(lines);
    expect(parsed.access_token).toBe('[redacted]');
    expect(parsed.expires_in).toBe(1800);
    expect(raw).not.toContain('tok-ACCESS');
  });

  it('redacts a refreshToken nested three levels deep', () => {
    const { logger, lines } = collectingLogger();
    logger.info({ flow: { hub: { tokens: { refreshToken: 'tok-REFRESH', hubId: 42 } } } }, 'nested');
    const { raw, parsed } = lastLine(lines);
    expect(parsed.flow).toEqual({ hub: { tokens: { refreshToken: '[redacted]', hubId: 42 } } });
    expect(raw).not.toContain('tok-REFRESH');
  });

  it('redacts the OAuth code and state of a callback query, and a client_secret in a body', () => {
    const { logger, lines } = collectingLogger();
    logger.info({ query: { code: 'CODE-123', state: 'STATE-456' }, body: { client_id: 'cid', client_secret: 'SECRET-789' } }, 'callback');
    const { raw, parsed } = lastLine(lines);
    expect(parsed.query).toEqual({ code: '[redacted]', state: '[redacted]' });
    expect(parsed.body).toEqual({ client_id: 'cid', client_secret: '[redacted]' });
    expect(raw).not.toMatch(/CODE-123|STATE-456|SECRET-789/);
  });

  it('writes nothing below the configured level', () => {
    const { logger, lines } = collectingLogger('warn');
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
    expect(lastLine(lines).parsed.msg).toBe('shown');
  });

  // Regression: 'code' is redacted at every depth (OAuth codes), so error codes are logged as `errorCode`.
  it('When a summarized AppError is logged, then its error code stays readable', () => {
    const { logger, lines } = collectingLogger();
    logger.warn({ err: summarizeError(new AppError('HUBSPOT_TIMEOUT', 'token request deadline exceeded')) }, 'request failed');
    expect(lastLine(lines).raw).toContain('HUBSPOT_TIMEOUT');
  });
});

describe('summarizeError', () => {
  it('keeps name, message and the error code (as errorCode) of an AppError', () => {
    expect(summarizeError(new AppError('AEP_TIMEOUT', 'create connection deadline exceeded'))).toEqual({
      name: 'AppError',
      message: 'create connection deadline exceeded',
      errorCode: 'AEP_TIMEOUT',
    });
  });

  it('keeps the statusCode of a Boom error and drops its data payload', () => {
    const boom = new Boom.Boom('Response Error: 400 Bad Request', {
      statusCode: 400,
      data: { isResponseError: true, payload: Buffer.from(JSON.stringify({ access_token: 'tok-IN-PAYLOAD' })) },
    });
    const summary = summarizeError(boom);
    expect(summary).toEqual({ name: 'Error', message: 'Response Error: 400 Bad Request', statusCode: 400 });
    expect(JSON.stringify(summary)).not.toContain('tok-IN-PAYLOAD');
  });

  it('drops fields other than name, message, code and statusCode', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      errno: -111,
      options: { headers: { authorization: 'Bearer x' } },
    });
    expect(summarizeError(err)).toEqual({ name: 'Error', message: 'connect ECONNREFUSED', errorCode: 'ECONNREFUSED' });
  });

  it('summarizes the cause chain with the same rules', () => {
    const boom = Boom.gatewayTimeout('Client request timeout', { payload: 'tok-DEEP' });
    const err = new AppError('HUBSPOT_TIMEOUT', 'token request deadline exceeded', { cause: boom });
    const summary = summarizeError(err);
    expect(summary?.cause).toEqual({ name: 'Error', message: 'Client request timeout', statusCode: 504 });
    expect(JSON.stringify(summary)).not.toContain('tok-DEEP');
  });

  it('stops after three levels of causes', () => {
    let err = new Error('level 0');
    for (let i = 1; i <= 6; i++) err = new Error(`level ${i}`, { cause: err });
    let depth = 0;
    for (let node = summarizeError(err); node; node = node.cause as Record<string, unknown> | undefined) depth++;
    expect(depth).toBe(4);
  });

  it('returns undefined for something that is not an Error', () => {
    expect(summarizeError('oops')).toBeUndefined();
    expect(summarizeError({ message: 'looks like an error', code: 'X' })).toBeUndefined();
  });
});
