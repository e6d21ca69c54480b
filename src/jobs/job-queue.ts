/**
 * The one seam for background work. Completion of a flow and webhook deliveries are jobs; an in-process
 * queue runs them by default and a Redis-backed queue (BullMQ) runs the same jobs across instances.
 * Job data is plain JSON (it crosses processes) and never holds a token or secret in plaintext.
 */
export interface JobOptions {
  /** A job id already queued or running is not queued again: the basis of "idempotent per flow and step". */
  readonly jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
  /** Attempts in all, the first included (default 1). A handler that throws is tried again until then. */
  readonly attempts?: number;
  /** Base of the exponential backoff between attempts, in milliseconds. */
  readonly backoffMs?: number;
}

export interface JobContext {
  readonly id: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly maxAttempts: number;
}

/** A job run again and again, e.g. the health watch's tick. */
export interface RepeatOptions {
  /** The interval between runs, in milliseconds. */
  readonly everyMs: number;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface JobQueue {
  /** Registers the handler for jobs called `name`; one handler per name, registered before jobs arrive. */
  handle<T>(name: string, handler: JobHandler<T>): void;
  enqueue<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  /**
   * Runs job `name` with `data` every `everyMs`, once per interval however many queues share the backing store (with
   * Redis: one BullMQ job scheduler, whichever instance upserts it). Repeating the call with the same `schedulerId`
   * replaces the interval and data rather than adding a second schedule.
   */
  repeat<T>(schedulerId: string, name: string, data: T, options: RepeatOptions): Promise<void>;
  /** Removes a schedule made by `repeat` (a no-op when there is none), so no instance runs it again. */
  stopRepeating(schedulerId: string): Promise<void>;
  /**
   * Whether the job with this id is queued and not yet taken by a worker (waiting, delayed, or between attempts).
   * A job that is running, finished, failed or unknown is not queued.
   */
  isQueued(jobId: string): Promise<boolean>;
  /** Jobs waiting, delayed or running (for metrics and readiness). */
  depth(): Promise<number>;
  /** Stops taking jobs and waits up to `graceMs` for running ones to finish. */
  close(graceMs?: number): Promise<void>;
}
