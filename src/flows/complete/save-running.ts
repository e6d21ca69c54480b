import { flowKey, isRunning, saveFlow, type FlowRecord } from '../flow-record.js';
import type { StepContext } from './completion-deps.js';

/**
 * A worker's lease on a running flow; renewed every third of it while steps run (the heartbeat), so a step may
 * take longer than the lease. Short, because it bounds how long a killed worker's flow waits before another
 * instance resumes it.
 */
export const LEASE_MS = 15_000;

/** Thrown when another run took the flow over (Retry or recovery): this worker stops quietly. */
export class SupersededRun extends Error {
  constructor(flowId: string) {
    super(`flow ${flowId} was taken over by a newer run`);
    this.name = 'SupersededRun';
  }
}

/** Throws SupersededRun unless this run still owns the flow. */
export async function assertOwnRun(ctx: StepContext): Promise<void> {
  const stored = await ctx.deps.store.get<FlowRecord>(flowKey(ctx.record.id));
  if (!stored || stored.run !== ctx.record.run || !isRunning(stored)) throw new SupersededRun(ctx.record.id);
}

/**
 * Saves the working copy with a fresh lease, unless a newer run owns the flow now. Called where a resume needs
 * the record (before and after the code exchange, on a failure to be tried again) and by the heartbeat, not
 * around every step: a resume repeats the repeatable steps done since the last save, which is safe by their
 * definition, and each save is a read and a write of the whole record.
 */
export async function saveRunning(ctx: StepContext): Promise<void> {
  await assertOwnRun(ctx);
  ctx.record.leaseUntil = ctx.deps.now() + LEASE_MS;
  await saveFlow(ctx.deps.store, ctx.record);
}
