import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from '../logging/logger.js';
import type { JobHandler, JobOptions, JobQueue, RepeatOptions } from './job-queue.js';

export interface BullMqQueueOptions {
  connection: ConnectionOptions;
  /** Key prefix in Redis (a deployment's or a test's namespace). */
  prefix: string;
  /** One queue carries every job name; the worker dispatches on the name. */
  queueName?: string;
  logger?: Logger;
  /** How long a worker's lock on a running job lasts unless renewed (renewed every half of it). */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock lapsed (their worker died). */
  stalledIntervalMs?: number;
}

/**
 * Stalled-job recovery is BullMQ's own (https://docs.bullmq.io/guide/jobs/stalled): a worker renews the
 * lock of its running job every lockDuration/2; if the process is SIGKILLed the lock lapses after at most
 * lockDuration (15 s) and another instance's stalled check (every 10 s) moves the job back to waiting,
 * so a killed instance's job resumes elsewhere within 25 s. `maxStalledCount: 2` tolerates two such
 * crashes before the job is failed, so a job that kills its worker cannot loop forever.
 */
const LOCK_DURATION_MS = 15_000;
const STALLED_INTERVAL_MS = 10_000;

/** The states of a job no worker has taken yet. */
const QUEUED_STATES = new Set<string>(['waiting', 'delayed', 'prioritized', 'paused', 'waiting-children']);

/** Completed jobs are removed (so a job id can be queued again, as in InProcessQueue); failed ones kept a day. */
const KEEP_FAILED_S = 24 * 60 * 60;
/** How long closing may take beyond the grace period before the connections are simply dropped. */
const CLOSE_TIMEOUT_MS = 2_000;

/** JobQueue on Redis with BullMQ: jobs survive restarts and run on whichever instance is free. */
export class BullMqQueue implements JobQueue {
  readonly #handlers = new Map<string, JobHandler<unknown>>();
  readonly #queue: Queue;
  readonly #options: BullMqQueueOptions;
  #worker: Worker | undefined;
  #closed = false;

  constructor(options: BullMqQueueOptions) {
    this.#options = options;
    this.#queue = new Queue(options.queueName ?? 'jobs', { connection: options.connection, prefix: options.prefix });
    this.#queue.on('error', (err) => options.logger?.warn({ err: { message: err.message } }, 'job queue connection error'));
  }

  handle<T>(name: string, handler: JobHandler<T>): void {
    if (this.#handlers.has(name)) throw new Error(`a handler for ${name} is already registered`);
    this.#handlers.set(name, handler as JobHandler<unknown>);
    this.#worker ??= this.#startWorker();
  }

  async enqueue<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.#closed) throw new Error('queue is closed');
    const backoffMs = options.backoffMs ?? 1_000;
    // BullMQ ignores an add whose jobId already exists: the dedupe the JobQueue contract asks for.
    await this.#queue.add(name, data, {
      ...(options.jobId !== undefined ? { jobId: encodeJobId(options.jobId) } : {}),
      delay: options.delayMs ?? 0,
      attempts: Math.max(1, options.attempts ?? 1),
      backoff: { type: 'exponential', delay: backoffMs, jitter: 0.5 },
      removeOnComplete: true,
      removeOnFail: { age: KEEP_FAILED_S },
    });
  }

  /**
   * One BullMQ job scheduler (https://docs.bullmq.io/guide/job-schedulers): Redis holds the schedule, each iteration
   * is one job, and one worker takes it, so N instances upserting the same id still run it once per interval.
   */
  async repeat<T>(schedulerId: string, name: string, data: T, options: RepeatOptions): Promise<void> {
    if (this.#closed) throw new Error('queue is closed');
    await this.#queue.upsertJobScheduler(
      encodeJobId(schedulerId),
      { every: options.everyMs },
      { name, data, opts: { removeOnComplete: true, removeOnFail: { age: KEEP_FAILED_S } } },
    );
  }

  async stopRepeating(schedulerId: string): Promise<void> {
    await this.#queue.removeJobScheduler(encodeJobId(schedulerId));
  }

  async isQueued(jobId: string): Promise<boolean> {
    // https://docs.bullmq.io/guide/jobs/getters: a job between attempts is 'delayed', one taken by a worker 'active'.
    const state = await this.#queue.getJobState(encodeJobId(jobId));
    return QUEUED_STATES.has(state);
  }

  async depth(): Promise<number> {
    return this.#queue.getJobCountByTypes('waiting', 'delayed', 'active', 'prioritized', 'paused');
  }

  /** Whether Redis answers the queue's connection (for /readyz). */
  async ping(): Promise<boolean> {
    try {
      const client = (await this.#queue.client) as unknown as { ping(): Promise<string> };
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(graceMs = 0): Promise<void> {
    this.#closed = true;
    const closing = this.#closeGracefully(graceMs).then(() => true);
    // With Redis unreachable a graceful close never completes; drop the connections instead of hanging shutdown.
    const closed = await Promise.race([
      closing,
      new Promise<boolean>((r) => setTimeout(() => r(false), graceMs + CLOSE_TIMEOUT_MS).unref()),
    ]);
    if (!closed) for (const part of [this.#worker, this.#queue]) void part?.disconnect().catch(() => {});
  }

  async #closeGracefully(graceMs: number): Promise<void> {
    const worker = this.#worker;
    if (worker) {
      // Let running jobs finish for graceMs; past that, stop without waiting: their locks lapse and
      // another instance picks them up as stalled jobs.
      const finished = worker.close().then(() => true);
      const inTime = await Promise.race([finished, new Promise<boolean>((r) => setTimeout(() => r(false), graceMs).unref())]);
      if (!inTime) await worker.close(true);
    }
    await this.#queue.close();
  }

  #startWorker(): Worker {
    const { logger } = this.#options;
    const worker = new Worker(this.#queue.name, (job: Job) => this.#run(job), {
      connection: this.#options.connection,
      prefix: this.#options.prefix,
      concurrency: 16,
      lockDuration: this.#options.lockDurationMs ?? LOCK_DURATION_MS,
      stalledInterval: this.#options.stalledIntervalMs ?? STALLED_INTERVAL_MS,
      maxStalledCount: 2,
    });
    worker.on('error', (err) => logger?.warn({ err: { message: err.message } }, 'job worker connection error'));
    worker.on('failed', (job, err) =>
      logger?.warn(
        { job: job?.name, jobId: job ? decodeJobId(job.id) : undefined, attempt: job?.attemptsMade, err: { message: err.message } },
        'job failed',
      ),
    );
    return worker;
  }

  async #run(job: Job): Promise<void> {
    const handler = this.#handlers.get(job.name);
    if (!handler) throw new Error(`no handler for ${job.name}`);
    const maxAttempts = job.opts.attempts ?? 1;
    await handler(job.data as unknown, { id: decodeJobId(job.id), attempt: job.attemptsMade + 1, maxAttempts });
  }
}

/** BullMQ refuses ids with ":" and ids that look like integers; ours are "name:flowId" and the like. */
function encodeJobId(id: string): string {
  return `j-${id.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}

function decodeJobId(id: string | undefined): string {
  return (id ?? '').replace(/^j-/, '').replaceAll('%3A', ':').replaceAll('%25', '%');
}
