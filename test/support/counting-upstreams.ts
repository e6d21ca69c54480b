import type { AdobeResolver } from '../../src/adobe/adobe-directory.js';
import type { LastRun, Probe } from '../../src/adobe/flow-health-client.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Adobe and HubSpot as counters: every call the watch makes is counted by the hour it falls in, and answered at once
 * (healthy, except the flows listed in `failing`, whose run fails anew every hour).
 */
export function countingUpstreams(now: () => number, failing: ReadonlySet<string> = new Set()) {
  const calls = new Map<number, Record<string, number>>();
  const count = (kind: string) => {
    const hour = Math.floor(now() / HOUR_MS);
    const bucket = calls.get(hour) ?? {};
    bucket[kind] = (bucket[kind] ?? 0) + 1;
    calls.set(hour, bucket);
  };
  const known = <T>(value: T): Probe<T> => ({ known: true, value });
  const flowHealth = {
    lastRuns: async (_t: string, ids: readonly string[]) => {
      count('flows');
      const hour = Math.floor(now() / HOUR_MS);
      return known(new Map<string, LastRun>(ids.map((id) => [id, { id: `${id}-run-${hour}`, failed: failing.has(id) }])));
    },
    runErrors: async () => (count('runs'), known({ codes: ['CONNECTOR-2001-500'], failedActivities: ['copyActivity'] })),
    testConnection: async () => (count('test'), known(true)),
  };
  const adobe = { forTarget: () => ({ ims: { getToken: async () => 'ims-token' }, flowHealth }) } as unknown as AdobeResolver;
  const grant = async () => (count('introspect'), known('active' as const));
  const perHour = () => [...calls.values()].map((b) => Object.values(b).reduce((a, n) => a + n, 0));
  return { adobe, grant, calls, perHour };
}
