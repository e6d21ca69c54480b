/**
 * Benchmark helper process: the floor to compare the service with. A minimal node:http implementation of the
 * same hops against the same simulators — authorize redirect, callback with state check, token exchange,
 * introspect, IMS token (cached), list + create-or-update of the portal's connection, explore of its root (the
 * tables the result page lists), result page — with no
 * framework, browser-session store, logging, metrics, sealing or job queue. Not a product: no deadlines, no
 * retries, no error pages. Started by bench/flow-bench.ts with the same environment as bench/service-process.ts
 * and serving the same GET /stats (plus CPU time), so the bench can print the service's cost as a ratio.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HUBSPOT_AUTH_SPEC_NAME, HUBSPOT_CONNECTION_SPEC, connectionMarkerFor } from '../src/adobe/hubspot-connection-spec.js';
import { loadConfig } from '../src/config/load-config.js';
import { processStats } from './process-stats.js';

const loaded = loadConfig(process.env);
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
const { hubspot, adobe } = loaded.config;
const TEN_MINUTES = 10 * 60 * 1000;

interface Flow {
  browser: string;
  verifier: string;
  expiresAt: number;
  outcome?: { connectionId: string; hubId: number; tables: string[] };
}
const flows = new Map<string, Flow>();
const byState = new Map<string, string>();
let ims: { token: string; until: number } | undefined;
/** One find-then-write per portal at a time, as the service's per-portal lock does (in-process here). */
const portalTail = new Map<number, Promise<unknown>>();

const token = () => randomBytes(32).toString('base64url');
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const cookieOf = (req: IncomingMessage) => /(?:^|;\s*)ref\.sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><title>HubSpot</title><main>${body}</main>`);
}

async function form(url: string, fields: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

async function imsToken(): Promise<string> {
  if (ims && Date.now() < ims.until) return ims.token;
  const body = (await form(adobe.imsTokenUrl, {
    grant_type: 'client_credentials',
    client_id: adobe.clientId,
    client_secret: adobe.clientSecret,
    scope: adobe.scopes.join(','),
  })) as { access_token: string; expires_in: number };
  ims = { token: body.access_token, until: Date.now() + body.expires_in * 1000 - 300_000 };
  return ims.token;
}

async function flowService(method: string, path: string, imsBearer: string, body?: unknown, etag?: string) {
  const res = await fetch(`${adobe.flowServiceBaseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${imsBearer}`,
      'x-api-key': adobe.clientId,
      'x-gw-ims-org-id': adobe.imsOrg,
      'x-sandbox-name': adobe.sandboxName,
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(etag ? { 'if-match': etag } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}`);
  return (await res.json()) as { id: string; etag: string; items?: { id: string; etag: string }[] } & { name: string }[];
}

async function upsert(hubId: number, params: Record<string, string>): Promise<string> {
  const bearer = await imsToken();
  const marker = connectionMarkerFor(hubId);
  const query = `property=${encodeURIComponent(`connectionSpec.id==${HUBSPOT_CONNECTION_SPEC.id}`)}&property=${encodeURIComponent(`description==${marker}`)}`;
  const [existing] = (await flowService('GET', `/connections?${query}`, bearer)).items ?? [];
  const auth = { specName: HUBSPOT_AUTH_SPEC_NAME, params };
  if (existing) {
    const patch = [{ op: 'replace', path: '/auth/params', value: params }];
    return (await flowService('PATCH', `/connections/${existing.id}`, bearer, patch, existing.etag)).id;
  }
  const created = { name: `HubSpot hub ${hubId}`, description: marker, auth, connectionSpec: HUBSPOT_CONNECTION_SPEC };
  return (await flowService('POST', '/connections', bearer, created)).id;
}

function locked<T>(hubId: number, work: () => Promise<T>): Promise<T> {
  const run = (portalTail.get(hubId) ?? Promise.resolve()).then(work, work);
  portalTail.set(
    hubId,
    run.catch(() => undefined),
  );
  return run;
}

async function connect(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const browser = cookieOf(req) ?? token();
  const state = token();
  const verifier = token();
  const id = token();
  flows.set(id, { browser, verifier, expiresAt: Date.now() + TEN_MINUTES });
  byState.set(sha256(state), id);
  const authorize = new URL(hubspot.authorizeUrl);
  authorize.search = new URLSearchParams({
    client_id: hubspot.clientId,
    redirect_uri: hubspot.redirectUri,
    scope: hubspot.scopes.join(' '),
    ...(hubspot.optionalScopes.length > 0 ? { optional_scope: hubspot.optionalScopes.join(' ') } : {}),
    state,
    code_challenge: sha256(verifier),
    code_challenge_method: 'S256',
  }).toString();
  res.writeHead(302, { location: authorize.toString(), 'set-cookie': `ref.sid=${browser}; Path=/; HttpOnly; SameSite=Lax` });
  res.end();
}

async function callback(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const stateHash = sha256(url.searchParams.get('state') ?? '');
  const id = byState.get(stateHash);
  const flow = id ? flows.get(id) : undefined;
  const code = url.searchParams.get('code');
  if (!id || !flow || flow.browser !== cookieOf(req) || flow.expiresAt < Date.now() || !code) return page(res, 400, 'Bad state');
  byState.delete(stateHash);
  const tokens = (await form(`${hubspot.apiBaseUrl}/oauth/2026-03/token`, {
    grant_type: 'authorization_code',
    client_id: hubspot.clientId,
    client_secret: hubspot.clientSecret,
    redirect_uri: hubspot.redirectUri,
    code,
    code_verifier: flow.verifier,
  })) as { access_token: string; refresh_token: string };
  const info = (await form(`${hubspot.apiBaseUrl}/oauth/2026-03/token/introspect`, {
    client_id: hubspot.clientId,
    client_secret: hubspot.clientSecret,
    token: tokens.access_token,
    token_type_hint: 'access_token',
  })) as { hub_id: number };
  const params = {
    clientId: hubspot.clientId,
    clientSecret: hubspot.clientSecret,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
  };
  const connectionId = await locked(info.hub_id, () => upsert(info.hub_id, params));
  // The service verifies the connection by exploring its root and lists the tables: the same hop here.
  const root = await flowService('GET', `/connections/${connectionId}/explore?objectType=root`, await imsToken());
  flow.outcome = { connectionId, hubId: info.hub_id, tables: root.map((t) => t.name) };
  res.writeHead(303, { location: `/result/${id}` });
  res.end();
}

function result(id: string, req: IncomingMessage, res: ServerResponse): void {
  const flow = flows.get(id);
  if (!flow?.outcome || flow.browser !== cookieOf(req)) return page(res, 404, 'Not found');
  page(
    res,
    200,
    `<h1>Connected</h1><p>Hub ${flow.outcome.hubId}, connection <code>${flow.outcome.connectionId}</code></p><ul>${flow.outcome.tables.map((t) => `<li>${t}</li>`).join('')}</ul>`,
  );
}

const callbackPath = new URL(hubspot.redirectUri).pathname;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const done = (err: unknown) => page(res, 500, String((err as Error).message));
  if (url.pathname === '/connect') connect(req, res).catch(done);
  else if (url.pathname === callbackPath) callback(url, req, res).catch(done);
  else if (url.pathname.startsWith('/result/')) result(url.pathname.slice(8), req, res);
  else page(res, 404, 'Not found');
});
const stats = processStats();
server.listen(0, '127.0.0.1', () =>
  stats.listen(0, '127.0.0.1', () => {
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    process.stdout.write(`${JSON.stringify({ url, statsUrl: `http://127.0.0.1:${(stats.address() as AddressInfo).port}` })}\n`);
  }),
);
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
