import type { FaultTarget } from '../../src/demo/kit/faults.js';
import type { RequestLog } from '../../src/demo/kit/request-log.js';
import type { BrowserAgent } from './browser-agent.js';
import type { Harness } from './harness.js';

/** Every create the dataflow steps may send, by simulator: what "nothing new was created" counts. */
export const CREATES = {
  schema: { api: 'schemaRegistry', method: 'POST', path: /\/tenant\/schemas$/ },
  descriptor: { api: 'schemaRegistry', method: 'POST', path: /\/tenant\/descriptors$/ },
  dataset: { api: 'catalog', method: 'POST', path: /\/dataSets$/ },
  sourceConnection: { api: 'flowService', method: 'POST', path: /\/sourceConnections$/ },
  targetConnection: { api: 'flowService', method: 'POST', path: /\/targetConnections$/ },
  mapping: { api: 'dataPrep', method: 'POST', path: /\/mappingSets$/ },
  flow: { api: 'flowService', method: 'POST', path: /\/flows$/ },
} as const satisfies Record<string, { api: SimName; method: string; path: RegExp }>;

export type SimName = 'schemaRegistry' | 'catalog' | 'dataPrep' | 'flowService';
export type CreateName = keyof typeof CREATES;

/** What one dataflow creates; the identity descriptor only in Profile mode with an email column. */
export const ONE_OF_EACH: Readonly<Record<CreateName, number>> = {
  schema: 1,
  descriptor: 0,
  dataset: 1,
  sourceConnection: 1,
  targetConnection: 1,
  mapping: 1,
  flow: 1,
};

/** Harness options for Profile mode that goes through: DATAFLOW_PROFILE, and an email column in explore's Contacts. */
export const PROFILE_WITH_EMAIL = { env: { DATAFLOW_PROFILE: 'true' }, adobe: { contactsEmailColumn: true } } as const;

export function simulator(
  h: Harness,
  name: SimName,
): { requests: RequestLog; faults: { inject(t: FaultTarget, f: object, times?: number): void; clear(): void } } {
  return h.sandbox[name];
}

/** How many create requests each simulator received so far. */
export function countCreates(h: Harness): Record<CreateName, number> {
  return Object.fromEntries(
    Object.entries(CREATES).map(([name, c]) => [name, simulator(h, c.api).requests.find(c.method, c.path).length]),
  ) as Record<CreateName, number>;
}

/** Presses a dataflow button (Create the dataflow, Finish setting up) as the page's form does, then follows the progress page. */
export async function pressDataflowButton(h: Harness, browser: BrowserAgent, resultUrl: string) {
  const pressed = await browser.request(`${resultUrl}/dataflow`, { method: 'POST', headers: { origin: h.url } });
  if (pressed.status !== 303) throw new Error(`the dataflow button answered ${pressed.status}`);
  return h.followProgress(browser, new URL(pressed.headers.get('location')!, h.url).toString());
}

/** The text of the element with this data-testid, or undefined (a long id's `<span>`/`<wbr>` parts joined). */
export function testId(html: string, id: string): string | undefined {
  const match = new RegExp(`data-testid="${id}"[^>]*>((?:[^<]|</?span>|<wbr>)*)<`).exec(html);
  return match?.[1]?.replace(/<[^>]*>/g, '').trim();
}
