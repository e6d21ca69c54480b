import type { JobHandler, JobQueue } from './job-queue.js';

/**
 * A part's background jobs, by name: completion's, the webhook outbox's, the health watch's. Parts declare their
 * table and never touch the queue's `handle`; the app registers every table in one call (`registerJobs`), so the
 * list of what a worker runs is in one place and a name claimed twice is caught when the app is built, not when a
 * job of that name first arrives. Handlers take the job's data as it crossed the queue (plain JSON).
 */
export type JobTable = Readonly<Record<string, JobHandler<never>>>;

/** Puts every table's handlers on the queue, all within one synchronous call, before any job can be taken. */
export function registerJobs(queue: JobQueue, tables: readonly JobTable[]): void {
  const names = new Set<string>();
  for (const table of tables) {
    for (const name of Object.keys(table)) {
      if (names.has(name)) throw new Error(`two parts declare the job ${name}`);
      names.add(name);
    }
  }
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) queue.handle(name, handler as JobHandler<unknown>);
  }
}
