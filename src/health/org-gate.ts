import type { Probe } from '../adobe/flow-health-client.js';
import type { HealthState } from './health-state.js';

/** At most this many health calls in flight per Adobe org (docs/reference/adobe-dataflow.md §5). */
export const CALLS_PER_ORG = 4;

/**
 * The door every health call to an org goes through: at most four at once, and none while the org's Retry-After
 * runs (shared through the store, so other instances wait too). A call refused at the door is "unknown", like the
 * 429 that closed it; the next tick asks again.
 */
export class OrgGate {
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, (() => void)[]>();

  constructor(
    private readonly state: HealthState,
    private readonly now: () => number,
  ) {}

  async call<T>(org: string, probe: () => Promise<Probe<T>>): Promise<Probe<T>> {
    await this.#enter(org);
    try {
      const until = await this.state.pausedUntil(org);
      if (until !== undefined) return { known: false, why: 'AEP_RETRY_AFTER', retryAfterMs: until - this.now() };
      const answer = await probe();
      if (!answer.known && answer.retryAfterMs !== undefined) await this.state.pause(org, this.now() + answer.retryAfterMs);
      return answer;
    } finally {
      this.#leave(org);
    }
  }

  async #enter(org: string): Promise<void> {
    const active = this.#active.get(org) ?? 0;
    if (active < CALLS_PER_ORG) {
      this.#active.set(org, active + 1);
      return;
    }
    // The slot is handed over by #leave, so the count stays at the limit while someone waits.
    await new Promise<void>((resolve) => this.#waiting.set(org, [...(this.#waiting.get(org) ?? []), resolve]));
  }

  #leave(org: string): void {
    const next = this.#waiting.get(org)?.shift();
    if (next) return next();
    this.#active.set(org, (this.#active.get(org) ?? 1) - 1);
  }
}
