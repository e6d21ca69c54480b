import { AppError } from '../errors/app-error.js';

/** A start holds its slot while nobody came back from HubSpot: as long as the browser session it created lives. */
export const START_HOLD_MS = 20 * 60 * 1000;
/** Open starts one client (req.ip) may hold at once: far above one person's tabs, far below a flood. */
export const DEFAULT_STARTS_PER_CLIENT = 100;
/**
 * Open starts the instance holds at once. Each writes three store entries (flow record, state index, browser
 * session), so 10,000 of them fill at most 30,000 of the memory store's 50,000 entries: the rest stays for
 * live state (claimed flows, connect sessions, webhooks, locks), which is never evicted.
 */
export const DEFAULT_OPEN_STARTS = 10_000;

interface Slot {
  client: string;
  until: number;
  released: boolean;
}

export interface StartTicket {
  /** Names the flow the start created, so that its callback can give the slot back. */
  bind(flowId: string): void;
  /** The start failed before sending anyone to HubSpot: the slot is free again. */
  cancel(): void;
}

/**
 * The budget of anonymous flow starts not yet claimed by a callback, per client and for the instance. A flood
 * of starts (one per spoofed address, say) spends it and new starts are refused with a 503 page
 * (STARTS_BUDGET_SPENT) instead of pushing anything else out of the store. A claimed start gives its slot back;
 * an abandoned one holds it for START_HOLD_MS. Counted in this process: with several instances, each has one.
 */
export class StartBudget {
  readonly #slots: Slot[] = [];
  readonly #byFlow = new Map<string, Slot>();
  readonly #perClient = new Map<string, number>();
  #open = 0;

  constructor(private readonly options: { perClient?: number; total?: number; holdMs?: number; now?: () => number } = {}) {}

  /** Takes a slot for `client`, or throws STARTS_BUDGET_SPENT when the client's or the instance's budget is spent. */
  reserve(client: string): StartTicket {
    const now = (this.options.now ?? Date.now)();
    this.#expire(now);
    const held = this.#perClient.get(client) ?? 0;
    if (held >= (this.options.perClient ?? DEFAULT_STARTS_PER_CLIENT) || this.#open >= (this.options.total ?? DEFAULT_OPEN_STARTS)) {
      throw new AppError('STARTS_BUDGET_SPENT', `open flow starts at their bound (client holds ${held}, instance ${this.#open})`);
    }
    const slot: Slot = { client, until: now + (this.options.holdMs ?? START_HOLD_MS), released: false };
    this.#slots.push(slot);
    this.#perClient.set(client, held + 1);
    this.#open += 1;
    return {
      bind: (flowId) => {
        if (!slot.released) this.#byFlow.set(flowId, slot);
      },
      cancel: () => this.#free(slot),
    };
  }

  /** The flow's callback came back: its start is no longer anonymous. */
  release(flowId: string): void {
    const slot = this.#byFlow.get(flowId);
    if (slot) this.#free(slot);
  }

  /** Open starts (for tests and the benchmark). */
  get open(): number {
    this.#expire((this.options.now ?? Date.now)());
    return this.#open;
  }

  #free(slot: Slot): void {
    if (slot.released) return;
    slot.released = true;
    this.#open -= 1;
    const held = (this.#perClient.get(slot.client) ?? 1) - 1;
    if (held > 0) this.#perClient.set(slot.client, held);
    else this.#perClient.delete(slot.client);
  }

  /** Slots are pushed in time order with one hold, so the expired ones are at the front. */
  #expire(now: number): void {
    let drop = 0;
    while (drop < this.#slots.length && (this.#slots[drop]!.until <= now || this.#slots[drop]!.released)) {
      this.#free(this.#slots[drop]!);
      drop += 1;
    }
    if (drop > 0) this.#slots.splice(0, drop);
    if (this.#byFlow.size > this.#open * 2 + 1024) {
      for (const [flowId, slot] of this.#byFlow) if (slot.released) this.#byFlow.delete(flowId);
    }
  }
}
