import type { Logger } from '../logging/logger.js';
import type { JobContext, JobHandler, JobOptions, JobQueue, RepeatOptions } from './job-queue.js';

interface PendingJob {
  name: string;
  id: string;
  data: unknown;
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
  timer?: NodeJS.Timeout;
}

/** Ceiling of the backoff between attempts, so a retried job never waits longer than this. */
const MAX_BACKOFF_MS = 5 * 60 * 1000;

/**
 * The default queue: jobs run in this process, on timers. Nothing survives a restart, which is why a
 * flow record carries its own lease (a worker that vanished is noticed by whoever reads the flow) and why
 * several instances need the Redis-backed queue instead. Job data is copied through JSON, as it would be
 * on Redis, so no handler can depend on sharing objects with the caller.
 */
export class InProcessQueue implements JobQueue {
  readonly #handlers = new Map<string, JobHandler<unknown>>();
  readonly #jobs = new Map<string, PendingJob>();
  readonly #running = new Set<Promise<void>>();
  readonly #schedules = new Map<string, NodeJS.Timeout>();
  readonly #logger: Logger | undefined;
  #sequence = 0;
  #closed = false;

  constructor(options: { logger?: Logger } = {}) {
    this.#logger = options.logger;
  }

  handle<T>(name: string, handler: JobHandler<T>): void {
    if (this.#handlers.has(name)) throw new Error(`a handler for ${name} is already registered`);
    this.#handlers.set(name, handler as JobHandler<unknown>);
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.#closed) throw new Error('queue is closed');
    const id = options.jobId ?? `${name}:${++this.#sequence}`;
    if (this.#jobs.has(id)) return;
    const job: PendingJob = {
      name,
      id,
      data: JSON.parse(JSON.stringify(data)) as unknown,
      attempt: 0,
      maxAttempts: Math.max(1, options.attempts ?? 1),
      backoffMs: options.backoffMs ?? 1_000,
    };
    this.#jobs.set(id, job);
    this.#schedule(job, options.delayMs ?? 0);
  }

  /**
   * A chain of timers, each set from the previous run's due time (not from when it ran), so the schedule does not
   * drift. One process is the only runner here, so "once per interval" needs no coordination.
   */
  async repeat<T>(schedulerId: string, name: string, data: T, options: RepeatOptions): Promise<void> {
    if (this.#closed) throw new Error('queue is closed');
    await this.stopRepeating(schedulerId);
    let due = Date.now() + options.everyMs;
    let run = 0;
    const arm = () => {
      const timer = setTimeout(
        () => {
          due += options.everyMs;
          arm();
          void this.enqueue(name, data, { jobId: `${schedulerId}:${++run}` }).catch(() => undefined);
        },
        Math.max(0, due - Date.now()),
      );
      timer.unref();
      this.#schedules.set(schedulerId, timer);
    };
    arm();
  }

  async stopRepeating(schedulerId: string): Promise<void> {
    clearTimeout(this.#schedules.get(schedulerId));
    this.#schedules.delete(schedulerId);
  }

  async isQueued(jobId: string): Promise<boolean> {
    // A pending job has a timer until it runs, and again while it waits for its next attempt.
    return this.#jobs.get(jobId)?.timer !== undefined;
  }

  async depth(): Promise<number> {
    return this.#jobs.size;
  }

  async close(graceMs = 0): Promise<void> {
    this.#closed = true;
    for (const id of [...this.#schedules.keys()]) await this.stopRepeating(id);
    for (const job of this.#jobs.values()) if (job.timer) clearTimeout(job.timer);
    const running = Promise.allSettled([...this.#running]);
    if (graceMs > 0) await Promise.race([running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  #schedule(job: PendingJob, delayMs: number): void {
    job.timer = setTimeout(() => {
      job.timer = undefined;
      const run = this.#run(job).finally(() => this.#running.delete(run));
      this.#running.add(run);
    }, delayMs);
  }

  async #run(job: PendingJob): Promise<void> {
    if (this.#closed) return;
    const handler = this.#handlers.get(job.name);
    job.attempt += 1;
    const context: JobContext = { id: job.id, attempt: job.attempt, maxAttempts: job.maxAttempts };
    try {
      if (!handler) throw new Error(`no handler for ${job.name}`);
      await handler(JSON.parse(JSON.stringify(job.data)) as unknown, context);
      this.#jobs.delete(job.id);
    } catch (err) {
      const last = job.attempt >= job.maxAttempts || this.#closed;
      this.#logger?.warn(
        { job: job.name, jobId: job.id, attempt: job.attempt, last, err: { message: (err as Error).message } },
        'job failed',
      );
      if (last) {
        this.#jobs.delete(job.id);
        return;
      }
      this.#schedule(job, backoffDelay(job.backoffMs, job.attempt));
    }
  }
}

/** Exponential backoff with full jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). */
export function backoffDelay(baseMs: number, attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
