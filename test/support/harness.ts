import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import type { AdobeAccount } from '../../src/config/adobe-account.js';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/logger.js';
import type { FlowServiceSimOptions } from '../../src/demo/adobe/flow-service/index.js';
import { startDemo, type DemoServices } from '../../src/demo/start-demo.js';
import { decideConsent } from '../../src/demo/hubspot/index.js';
import { fanOutFlowEvents, type FlowEventSink } from '../../src/flows/flow-events.js';
import { flowKey, type FlowRecord } from '../../src/flows/flow-record.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import type { KeyValueStore } from '../../src/store/key-value-store.js';
import { buildServices, type ServiceOptions } from '../../src/services.js';
import { BrowserAgent } from './browser-agent.js';
import { liveEnvFor } from './instance-process.js';

export interface HarnessOptions {
  env?: Record<string, string>;
  portal?: { withheldScopes?: string[] };
  denyMode?: 'redirect' | 'none';
  /** Serve the callback at this path (sets HUBSPOT_REDIRECT_URI on the harness's port). */
  callbackPath?: string;
  /**
   * Run the service in live mode: the simulators stand in for HubSpot and Adobe, but the service is
   * configured through the environment exactly as in production (all credentials and URLs set).
   */
  live?: boolean;
  /** The job queue the service uses (default: a fresh in-process queue). */
  jobs?: JobQueue;
  /** Where flow events go (default: nowhere). */
  events?: FlowEventSink;
  /** The store the service uses (default: a fresh MemoryStore). */
  store?: KeyValueStore;
  /** Extra Adobe orgs and sandboxes the simulators know (per-partner targets). */
  adobe?: {
    extraAccounts?: AdobeAccount[];
    extraSandboxes?: string[];
    /** Dataflow runs: first-run delay and outcome hook of the Flow Service simulator. */
    runs?: Pick<FlowServiceSimOptions, 'firstRunDelayMs' | 'runOutcome' | 'connectionTest'>;
    /** Explore's Contacts gains an email column (Adobe's page shows none), so Profile mode can go through. */
    contactsEmailColumn?: boolean;
  };
  /**
   * Environment only known once the simulators run (the id of a dataset made in them), set as an operator would:
   * the service then loads its whole config from the environment, `env` included, as with `live`.
   */
  envFromSimulators?: (sandbox: DemoServices) => Promise<Record<string, string>>;
  /** Start demo mode's demo partner portal, as `npm start` does. */
  demoPartner?: boolean;
  /** The clock the service reads (default: a fresh one); share it with a store to expire its entries too. */
  clock?: TestClock;
  /** Test knobs for the services (session lifetime, webhook schedule). */
  services?: ServiceOptions;
}

/** A controllable clock: tests move it forward to expire flows. */
export class TestClock {
  offsetMs = 0;
  now = () => Date.now() + this.offsetMs;
  advance(ms: number) {
    this.offsetMs += ms;
  }
}

/**
 * The service on a real port, wired to the three simulators over real HTTP, as `npm start` does in
 * demo mode. Log lines are captured so tests can check that no secret reaches them.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const redirect = options.callbackPath ? { HUBSPOT_REDIRECT_URI: `http://localhost:${port}${options.callbackPath}` } : {};
  const loaded = loadConfig({ PORT: String(port), LOG_LEVEL: 'info', UPSTREAM_TIMEOUT_MS: '1500', ...redirect, ...options.env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const sandbox: DemoServices = await startDemo(loaded.config, {
    ...(options.portal ? { portal: options.portal } : {}),
    ...(options.denyMode ? { denyMode: options.denyMode } : {}),
    ...(options.adobe?.extraAccounts ? { extraAdobeAccounts: options.adobe.extraAccounts } : {}),
    ...(options.adobe?.extraSandboxes ? { extraSandboxes: options.adobe.extraSandboxes } : {}),
    ...(options.adobe?.runs ? { runs: options.adobe.runs } : {}),
    ...(options.adobe?.contactsEmailColumn ? { contactsEmailColumn: true } : {}),
    ...(options.demoPartner ? { demoPartner: true } : {}),
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const clock = options.clock ?? new TestClock();
  const later = options.envFromSimulators ? await options.envFromSimulators(sandbox) : undefined;
  const config = options.live || later ? liveConfigFor(sandbox.config, port, { ...options.env, ...later }) : sandbox.config;
  const services = buildServices(config, createLogger('info', sink), {
    ...(options.store ? { store: options.store } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    now: clock.now,
    ...options.services,
  });
  await services.ready();
  server.on(
    'request',
    createApp({ ...services, now: clock.now, ...(options.events ? { events: fanOutFlowEvents(services.activity, options.events) } : {}) }),
  );
  const url = `http://localhost:${port}`;
  return {
    url,
    config,
    sandbox,
    services,
    clock,
    logLines,
    browser: (acceptLanguage = 'en') => new BrowserAgent({ acceptLanguage }),
    /** Clicks Connect HubSpot and returns HubSpot's authorize URL (the 302 target). */
    async startConnect(browser: BrowserAgent): Promise<string> {
      const res = await browser.get(`${url}/connect`);
      if (res.status !== 302) throw new Error(`/connect answered ${res.status}`);
      return res.headers.get('location')!;
    },
    /** Clicks Connect HubSpot and decides on the consent screen; returns where HubSpot sends the browser back. */
    async consent(browser: BrowserAgent, decision: 'grant' | 'cancel' = 'grant', account?: { hubId: number }) {
      const authorizeUrl = await this.startConnect(browser);
      const consent = await decideConsent(authorizeUrl, decision, account);
      return { authorizeUrl, callbackUrl: new URL(consent.headers.get('location') ?? '', authorizeUrl).toString() };
    },
    /** The whole click-through: Connect → consent (Grant or Cancel) → callback → result page. */
    /**
     * The whole click-through: Connect → consent (Grant or Cancel, for `account` when given: another HubSpot
     * account than the simulator's default) → callback → result page, followed to the end.
     * Throws when the callback sends the browser nowhere (no Location) or the flow is still pending after the
     * wait, so that a test of a broken or stuck flow cannot pass on a 200. `record` is the flow as stored, so
     * tests check the connection itself, not only a status.
     */
    async connect(browser: BrowserAgent, decision: 'grant' | 'cancel' = 'grant', account?: { hubId: number }) {
      const { authorizeUrl, callbackUrl } = await this.consent(browser, decision, account);
      const callback = await browser.get(callbackUrl);
      const location = callback.headers.get('location');
      if (!location) throw new Error(`the callback answered ${callback.status} without a Location`);
      const resultUrl = new URL(location, url).toString();
      const { result, html, progressPages } = await this.followProgress(browser, resultUrl);
      const flowId = new URL(resultUrl).pathname.match(/^\/result\/([^/]+)$/)?.[1];
      const record = flowId ? await services.store.get<FlowRecord>(flowKey(decodeURIComponent(flowId))) : undefined;
      return { authorizeUrl, callbackUrl, callback, resultUrl, result, html, progressPages, record };
    },
    /**
     * Reads the result page as a browser honouring its meta refresh would, until the flow has finished; throws
     * when it is still the progress page after `timeoutMs`.
     */
    async followProgress(browser: BrowserAgent, resultUrl: string, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (let progressPages = 0; ; progressPages += 1) {
        const result = await browser.get(resultUrl);
        const html = await result.text();
        if (!html.includes('http-equiv="refresh"')) return { result, html, progressPages };
        if (Date.now() > until) throw new Error(`${resultUrl} still pending after ${timeoutMs} ms (${progressPages} progress pages)`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close({ graceMs: 2_000 });
      await sandbox.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** The environment an operator would write for these simulators, loaded like production config. */
function liveConfigFor(c: Config, port: number, env: Record<string, string>): Config {
  const loaded = loadConfig(liveEnvFor(c, { PORT: String(port), UPSTREAM_TIMEOUT_MS: String(c.upstreamTimeoutMs), ...env }));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

/**
 * A click-through ended connected for real: the stored flow says so, its connection exists in Flow Service's
 * simulator, and the page shows its id. Returns the connection id.
 */
export function expectConnected(h: Harness, run: { record?: FlowRecord | undefined; html: string }): string {
  expect(run.record?.status).toBe('connected');
  const id = run.record?.connection?.id ?? '';
  expect(h.sandbox.flowService.connections().map((c) => c.id)).toContain(id);
  expect(run.html).toContain(id);
  return id;
}
