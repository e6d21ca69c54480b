/**
 * Soak: SOAK_FLOWS (default 1,000; or `--flows=N`) complete Connect HubSpot flows against the simulators on
 * loopback, with about 10 % random faults at every hop: 429 with and without Retry-After, 5xx bursts, timeouts,
 * and answers lost after the work was done. The flows connect many portals (about 80 % of them new, so
 * `POST /connections` and its lost answers really run; the rest repeat a portal, so PATCH runs too). Every flow is
 * followed to its final page (meta refresh honoured).
 * Prints: flows succeeded, flows ended on a clear retryable page, other clear pages, duplicates, unmapped 500s,
 * secrets (codes, tokens, client secrets) found in pages, URLs or logs — also as `code=<secret>` in a URL.
 * Exits 1 when a threshold is crossed: any duplicate, unmapped 500, leak or flow stuck pending, or fewer than
 * 95 % of flows ending connected or on a clear retryable page. Bounded; stops by itself. Not part of npm test.
 *   npm run soak            npm run soak -- --flows=200
 */
import type { Fault, FaultInjector, FaultTarget } from '../src/demo/kit/faults.js';
import { startHarness } from '../test/support/harness.js';
import { knownSecrets } from '../test/support/secrets.js';

const flag = process.argv.find((a) => a.startsWith('--flows='))?.slice('--flows='.length);
const FLOWS = Number(flag ?? process.env.SOAK_FLOWS ?? 1000);
/** Distinct portals: every fifth flow repeats one already connected (or being connected). */
const PORTALS = Math.max(1, Math.ceil(FLOWS * 0.8));
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 16);
const FAULT_RATE = Number(process.env.SOAK_FAULT_RATE ?? 0.1);
const TIMEOUT_MS = 1500;

// The soak drives one client IP far past the per-IP flow-start limit, which is not what it measures.
const h = await startHarness({ env: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS), RATE_LIMIT_FLOW_STARTS_PER_MINUTE: '100000' } });
const fs = '/data/foundation/flowservice/connections';
const hops: Array<{ name: string; faults: FaultInjector; target: FaultTarget; writes?: boolean }> = [
  { name: 'hubspot token', faults: h.sandbox.hubspot.faults, target: { method: 'POST', path: '/oauth/2026-03/token' } },
  { name: 'introspect', faults: h.sandbox.hubspot.faults, target: { method: 'POST', path: '/oauth/2026-03/token/introspect' } },
  { name: 'ims', faults: h.sandbox.ims.faults, target: { method: 'POST', path: '/ims/token/v3' } },
  { name: 'list', faults: h.sandbox.flowService.faults, target: { method: 'GET', path: fs } },
  { name: 'create', faults: h.sandbox.flowService.faults, target: { method: 'POST', path: fs }, writes: true },
  { name: 'patch', faults: h.sandbox.flowService.faults, target: { method: 'PATCH', path: /\/connections\/[^/]+$/ }, writes: true },
  { name: 'explore', faults: h.sandbox.flowService.faults, target: { method: 'GET', path: /\/explore$/ } },
];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const faultKinds: Array<{ kind: string; fault: Fault; times: number; writesOnly?: boolean }> = [
  { kind: '429+Retry-After', fault: { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too many requests' } }, times: 1 },
  { kind: '429', fault: { status: 429, body: { message: 'Too many requests' } }, times: 1 },
  { kind: '5xx burst', fault: { status: 503, body: '<html>unavailable</html>' }, times: 3 },
  { kind: 'timeout', fault: { delayMs: TIMEOUT_MS + 500, status: 504, body: '' }, times: 1 },
  { kind: 'answer lost', fault: { delayMs: TIMEOUT_MS + 500 }, times: 1 },
];
const injected = new Map<string, number>();

function maybeInjectFaults(): void {
  for (const hop of hops) {
    if (Math.random() >= FAULT_RATE) continue;
    const kind = pick(faultKinds);
    hop.faults.inject(hop.target, kind.fault, kind.times);
    injected.set(`${hop.name}: ${kind.kind}`, (injected.get(`${hop.name}: ${kind.kind}`) ?? 0) + 1);
  }
  // The IMS token is cached per org; forget it now and then so the IMS hop is exercised too.
  if (Math.random() < FAULT_RATE) h.services.adobe.forTarget(h.services.adobe.defaultTarget).ims.invalidate();
}

const outcome = { succeeded: 0, retryablePage: 0, otherClearPage: 0, unmapped500: 0, stuck: 0 };
const codes = new Map<string, number>();
const corpus: string[] = [];

async function oneFlow(index: number): Promise<void> {
  maybeInjectFaults();
  const browser = h.browser();
  const account = { hubId: 50_000 + (index % PORTALS) };
  const run = await (async () => {
    const { authorizeUrl, callbackUrl } = await h.consent(browser, 'grant', account);
    const callback = await browser.get(callbackUrl);
    const location = callback.headers.get('location');
    if (!location) return { authorizeUrl, callbackUrl, callback, resultUrl: '', result: callback, html: await callback.text() };
    const resultUrl = new URL(location, h.url).toString();
    // Flows of one portal queue behind its connection lock; a flow still pending after this is counted stuck.
    const end = await h.followProgress(browser, resultUrl, 110_000).catch(async () => {
      const result = await browser.get(resultUrl);
      return { result, html: await result.text() };
    });
    return { authorizeUrl, callbackUrl, callback, resultUrl, ...end };
  })().catch((err: unknown) => ({ error: err as Error }));
  if ('error' in run) {
    outcome.unmapped500 += 1;
    codes.set(`harness: ${run.error.message}`, 1);
    return;
  }
  // What the service produced: the authorize URL it sent, the redirect and pages it answered (not HubSpot's callback URL,
  // which carries the code to us by design).
  corpus.push(run.authorizeUrl, run.resultUrl, run.callback.headers.get('location') ?? '', run.html);
  const code = /Reference for support: ([A-Z_]+)/.exec(run.html)?.[1];
  if (run.result.status === 200 && run.html.includes('data-testid="connection-id"')) outcome.succeeded += 1;
  else if (run.html.includes('http-equiv="refresh"')) outcome.stuck += 1;
  else if (run.result.status === 500 || code === 'INTERNAL' || !code) outcome.unmapped500 += 1;
  else if (run.html.includes('data-testid="retry-now"') || run.html.includes('href="/connect"')) outcome.retryablePage += 1;
  else outcome.otherClearPage += 1;
  if (code) codes.set(code, (codes.get(code) ?? 0) + 1);
}

/**
 * Secrets found in `texts`: the text is cut at every character no code, token or secret of ours contains, so
 * `code=<secret>` or `?token=<secret>&` yields the secret itself as a word (base64 padding ignored).
 */
function leakedSecrets(texts: readonly string[], secrets: ReadonlySet<string>): string[] {
  const bare = (w: string) => w.replace(/=+$/, '');
  const wanted = new Set([...secrets].map(bare));
  const words = texts.join('\n').split(/[^\w\-.~+/]+/);
  return [...new Set(words.map(bare).filter((w) => wanted.has(w)))];
}

const started = Date.now();
try {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < FLOWS) {
        next += 1;
        await oneFlow(next);
      }
    }),
  );
  // Let answers that were "lost" finish on the simulator before counting connections.
  await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 1000));
  const connections = h.sandbox.flowService.connections();
  const byHub = new Map<string, number>();
  for (const c of connections) byHub.set(c.description ?? c.name, (byHub.get(c.description ?? c.name) ?? 0) + 1);
  const duplicates = [...byHub.values()].reduce((sum, n) => sum + (n - 1), 0);
  // Tokens: every HubSpot code/token, IMS token and client secret the simulators saw, looked up in pages, URLs and logs.
  const secrets = new Set(knownSecrets(h));
  const leaked = leakedSecrets([...corpus, ...h.logLines], secrets).length;
  const clear = outcome.succeeded + outcome.retryablePage;

  console.log(
    `soak: ${FLOWS} flows, concurrency ${CONCURRENCY}, fault rate ${FAULT_RATE} per hop, ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `faults injected: ${[...injected.values()].reduce((a, b) => a + b, 0)} (${[...injected].map(([k, v]) => `${k} ×${v}`).join(', ')})`,
  );
  console.log(`flows succeeded:                     ${outcome.succeeded}`);
  console.log(`flows ended on a clear retryable page: ${outcome.retryablePage}`);
  console.log(`flows ended on another clear page:   ${outcome.otherClearPage}`);
  console.log(`flows still pending after 110 s:     ${outcome.stuck}`);
  console.log(`duplicates:                          ${duplicates} (connections: ${connections.length}, portals: ${byHub.size})`);
  console.log(`unmapped 500s:                       ${outcome.unmapped500}`);
  console.log(`tokens found in pages, URLs or logs: ${leaked} (of ${secrets.size} known secrets)`);
  console.log(`error pages by code: ${[...codes].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`);
  const creates = h.sandbox.flowService.requests.find('POST', fs).length;
  console.log(`POST /connections sent: ${creates}; portals: ${PORTALS} for ${FLOWS} flows`);
  const crossed = [
    duplicates > 0 && `${duplicates} duplicate connections`,
    outcome.unmapped500 > 0 && `${outcome.unmapped500} unmapped 500s`,
    leaked > 0 && `${leaked} secrets leaked`,
    outcome.stuck > 0 && `${outcome.stuck} flows stuck pending`,
    clear < FLOWS * 0.95 && `only ${((100 * clear) / FLOWS).toFixed(1)} % connected or on a clear retryable page (< 95 %)`,
  ].filter((x): x is string => typeof x === 'string');
  console.log(crossed.length === 0 ? 'thresholds: all met' : `thresholds crossed: ${crossed.join('; ')}`);
  process.exitCode = crossed.length === 0 ? 0 : 1;
} finally {
  await h.close();
}
