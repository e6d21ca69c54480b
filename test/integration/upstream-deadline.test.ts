import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error.js';
import { UpstreamClient } from '../../src/http/upstream-client.js';

const CODES = { timeout: 'AEP_TIMEOUT', unavailable: 'AEP_UNAVAILABLE' } as const;

/** An upstream that misbehaves on purpose, one way per path. */
function misbehavingUpstream(): Server {
  return createServer((req, res) => {
    if (req.url === '/no-answer') return; // never answers
    if (req.url === '/trickle') {
      // Headers, then a byte every 100 ms for ever: no idle gap long enough for a per-read timeout to fire.
      res.writeHead(200, { 'content-type': 'application/json' });
      const drip = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(drip));
      return;
    }
    if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`"${'x'.repeat(1024 * 1024 + 10)}"`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
}

async function failureOf(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(err)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('Upstream calls: one deadline from connect to the last byte, and a bounded body', () => {
  let server: Server;
  let base: string;
  let http: UpstreamClient;
  const hits = new Map<string, number>();
  beforeAll(async () => {
    server = misbehavingUpstream();
    server.on('request', (req) => hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    http = new UpstreamClient({ timeoutMs: 300 });
  });
  afterAll(async () => {
    await http.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('When the upstream answers, then its status and body come back as text', async () => {
    const res = await http.send({ method: 'GET', url: `${base}/fine`, headers: {} }, CODES);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ ok: true });
  });

  it('When no answer comes within the deadline, then the call fails with the timeout code soon after it', async () => {
    const started = Date.now();
    const err = await failureOf(http.send({ method: 'GET', url: `${base}/no-answer`, headers: {} }, CODES));
    expect(err.code).toBe('AEP_TIMEOUT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('When the headers come but the body trickles on, then the same deadline ends the call with the timeout code', async () => {
    const started = Date.now();
    const err = await failureOf(http.send({ method: 'GET', url: `${base}/trickle`, headers: {} }, CODES));
    expect(err.code).toBe('AEP_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('When the body passes 1 MiB, then it is refused and, being permanent, not asked again', async () => {
    const before = hits.get('/huge') ?? 0;
    const err = await failureOf(http.send({ method: 'GET', url: `${base}/huge`, headers: {}, retries: 2 }, CODES));
    expect(err.code).toBe('AEP_UNAVAILABLE');
    expect((err.cause as { code?: string }).code).toBe('RESPONSE_TOO_LARGE');
    expect((hits.get('/huge') ?? 0) - before).toBe(1);
  });
});
